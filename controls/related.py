"""What the controls app adds to other apps' pages (isms.related): an asset's controls."""

from controls.models import SoAEntry
from isms.access import can, visible
from isms.related import RelatedSection, register_section


def asset_controls(asset, user) -> dict | None:
    if not can(user, "view", SoAEntry):
        return None
    entries = visible(asset.soa_entries.select_related("control"), user)
    return {"entries": list(entries), "may_map": can(user, "change", SoAEntry)}


def register() -> None:
    register_section("assets.asset", RelatedSection(
        "controls/_asset_controls.html", asset_controls, position=20, css_class="col-lg-6"))
