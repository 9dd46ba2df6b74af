"""What the connectors app adds to other apps' pages (isms.related): the connected systems
whose runs check a control (they set its automated check status)."""

from connectors.models import Connector
from isms.access import can, visible
from isms.related import RelatedSection, register_section


def control_connectors(control, user) -> dict | None:
    if not can(user, "view", Connector):
        return None
    connectors = list(visible(control.connectors.all(), user))
    return {"connectors": connectors} if connectors else None


def register() -> None:
    register_section("controls.control", RelatedSection(
        "connectors/_control_connectors.html", control_connectors, position=10))
