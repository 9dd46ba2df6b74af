import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from controls.models import Control, SoAEntry
from controls.services import ensure_soa_entries, set_asset_controls, update_soa_entry
from isms.access import can
from isms.models import AuditEntry
from tests.factories import AssetFactory, soa_entry

pytestmark = pytest.mark.django_db


def _audit(entry):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(SoAEntry), object_pk=str(entry.pk)
    )


def test_soa_entries_ensure_gives_every_control_an_entry_after_migrate():
    assert SoAEntry.objects.count() == Control.objects.count() == 93


def test_soa_entries_ensure_twice_creates_nothing():
    audit_rows = AuditEntry.objects.count()
    assert ensure_soa_entries() == 0
    assert SoAEntry.objects.count() == 93 and AuditEntry.objects.count() == audit_rows


def test_soa_entries_ensure_recreates_a_missing_entry():
    soa_entry("8.28").delete()
    assert ensure_soa_entries() == 1
    assert SoAEntry.objects.filter(control__ref="8.28", applicable=None).exists()


def test_soa_entries_ensure_keeps_decisions(officer):
    update_soa_entry(acting_user=officer, entry=soa_entry(), applicable=True, justification="Needed")
    ensure_soa_entries()
    assert soa_entry().justification == "Needed"


def test_soa_entry_update_saves_a_decision_and_audits_it(officer):
    entry = update_soa_entry(
        acting_user=officer, entry=soa_entry(), applicable=True, justification="  Needed  ",
        implementation_status="partial", owner=officer,
    )
    entry.refresh_from_db()
    assert (entry.applicable, entry.justification, entry.owner) == (True, "Needed", officer)
    assert _audit(entry).filter(action=AuditEntry.Action.UPDATE).exists()


@pytest.mark.parametrize("applicable", [True, False])
def test_soa_entry_update_refuses_a_decision_without_justification(officer, applicable):
    with pytest.raises(ValidationError):
        update_soa_entry(acting_user=officer, entry=soa_entry(), applicable=applicable, justification="")
    assert soa_entry().applicable is None


def test_soa_entry_update_refuses_an_engineer(engineer):
    with pytest.raises(PermissionDenied):
        update_soa_entry(acting_user=engineer, entry=soa_entry(), implementation="x")


def test_soa_entry_update_refuses_an_auditor(auditor):
    with pytest.raises(PermissionDenied):
        update_soa_entry(acting_user=auditor, entry=soa_entry(), implementation="x")


def test_soa_entry_update_refuses_unknown_fields(officer):
    with pytest.raises(TypeError):
        update_soa_entry(acting_user=officer, entry=soa_entry(), control=None)


def test_soa_entry_update_assigning_grants_evidence_attachment(officer, engineer):
    entry = update_soa_entry(acting_user=officer, entry=soa_entry(), assignees=[engineer])
    assert can(engineer, "attach_evidence", entry)
    assert not can(engineer, "change", entry)
    assert _audit(entry).filter(changes__icontains="assignees").exists()


def test_soa_entry_update_unassigning_removes_evidence_attachment(officer, engineer):
    entry = update_soa_entry(acting_user=officer, entry=soa_entry(), assignees=[engineer])
    update_soa_entry(acting_user=officer, entry=entry, assignees=[])
    engineer = type(engineer).objects.get(pk=engineer.pk)  # fresh permission cache
    assert not can(engineer, "attach_evidence", entry)
    assert entry.assignees.count() == 0


def test_soa_entry_update_maps_assets_from_the_control_side(officer):
    asset = AssetFactory()
    entry = update_soa_entry(acting_user=officer, entry=soa_entry("8.24"), assets=[asset])
    assert list(asset.soa_entries.all()) == [entry]
    assert _audit(entry).filter(changes__icontains="assets").exists()


def test_asset_controls_set_maps_and_unmaps_from_the_asset_side(officer):
    asset = AssetFactory()
    c1, c2, c3 = (Control.objects.get(ref=ref) for ref in ("5.9", "8.24", "8.28"))
    set_asset_controls(acting_user=officer, asset=asset, controls=[c1, c2])
    set_asset_controls(acting_user=officer, asset=asset, controls=[c2, c3])
    refs = set(asset.soa_entries.values_list("control__ref", flat=True))
    assert refs == {"8.24", "8.28"}
    assert _audit(soa_entry("5.9")).filter(changes__icontains="assets").count() == 2


def test_asset_controls_set_refuses_an_engineer(engineer):
    asset = AssetFactory(owner=engineer)
    with pytest.raises(PermissionDenied):
        set_asset_controls(acting_user=engineer, asset=asset, controls=[Control.objects.get(ref="5.9")])
    assert not asset.soa_entries.exists()
