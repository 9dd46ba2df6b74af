from controls.models import Control, SoAEntry
from tests.factories import AssetFactory

READ_ONLY = ("302 403 200 200 200 302", "302 403 405 405 405 302")
OFFICERS_ONLY = "302 403 403 200 403 302"


def _entry(personas) -> dict:
    return {"pk": SoAEntry.objects.get(control__ref="5.1").pk}


def _control(personas) -> dict:
    return {"pk": Control.objects.get(ref="5.1").pk}


def _asset(personas) -> dict:
    return {"pk": AssetFactory(owner=personas["engineer"]).pk}


EXPECTED = {
    "controls:soa-list": (*READ_ONLY, None),
    "controls:soa-export": (*READ_ONLY, None),
    "controls:soa-row": (*READ_ONLY, _entry),
    # An officer's empty POST is an invalid form shown again (200).
    "controls:soa-edit": (OFFICERS_ONLY, OFFICERS_ONLY, _entry),
    "controls:control-detail": (*READ_ONLY, _control),
    # An officer's empty POST clears the asset's mapping and redirects (302).
    "controls:asset-controls-edit": (OFFICERS_ONLY, "302 403 403 302 403 302", _asset),
}
