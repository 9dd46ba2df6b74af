"""A build that goes wrong ends as a failed pack with a message a person can act on, nothing
stored, and the outcome in the audit trail. The failures here happen before any layout (a
section provider that breaks), so no test pays for a full build."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from isms.models import AuditEntry
from packs import sections
from packs.models import AuditPack
from packs.services import STALE_BUILD, build_audit_pack, create_audit_pack, request_audit_pack
from packs.tasks import build_audit_pack_task
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _broken_provider(as_of):
    raise RuntimeError("the risk register could not be read")


def _incomplete_provider(as_of):
    return [{"key": "half", "title": "Half a section", "template": "packs/pack/scope.html"}]


@pytest.fixture
def broken_sections(monkeypatch):
    monkeypatch.setattr(sections, "PACK_SECTION_PROVIDERS", [_broken_provider])


def _queued(officer, **fields) -> AuditPack:
    return create_audit_pack(acting_user=officer, as_of=timezone.localdate(), **fields)


def _command(*args):
    call_command("build_audit_pack", *args, stdout=io.StringIO())


def _stored_files() -> list[str]:
    try:
        return default_storage.listdir("packs")[0]
    except FileNotFoundError:
        return []


def test_audit_pack_build_records_a_failure_with_its_cause(officer, broken_sections):
    pack = build_audit_pack(_queued(officer), workers=1)
    stored = AuditPack.objects.get(pk=pack.pk)
    assert stored.status == AuditPack.Status.FAILED
    assert stored.error == "The build failed: the risk register could not be read"
    assert stored.finished_at is not None and stored.duration is not None
    assert not stored.pdf and not stored.zip and stored.pdf_sha256 == "" and stored.page_count is None
    assert _stored_files() == []


def test_audit_pack_build_names_the_section_that_broke_its_contract(officer, monkeypatch):
    monkeypatch.setattr(sections, "PACK_SECTION_PROVIDERS", [_incomplete_provider])
    pack = build_audit_pack(_queued(officer), workers=1)
    assert pack.status == AuditPack.Status.FAILED
    assert "_incomplete_provider: a pack section lacks context" in pack.error


def test_a_failed_pack_may_be_changed_and_removed_unlike_a_ready_one(officer, broken_sections):
    pack = build_audit_pack(_queued(officer), workers=1)
    pack.delete()  # nothing was built: no record to keep immutable
    assert not AuditPack.objects.filter(pk=pack.pk).exists()


def test_the_failure_is_in_the_audit_trail_as_the_requesters_change(officer, broken_sections):
    pack = _queued(officer)
    build_audit_pack_task(pack.pk)
    update = AuditEntry.objects.get_for_object(pack).filter(action=AuditEntry.Action.UPDATE).last()
    assert update.actor == officer
    assert update.changes_dict["status"][1] == "failed"
    assert "the risk register could not be read" in update.changes_dict["error"][1]


def test_the_task_returns_the_outcome(officer, broken_sections):
    assert build_audit_pack_task(_queued(officer).pk) == "failed"


def test_failed_pack_page_shows_the_recorded_error(officer, broken_sections):
    pack = build_audit_pack(_queued(officer), workers=1)
    html = client_for(officer).get(pack.get_absolute_url()).content.decode()
    assert 'data-testid="pack-error"' in html and "the risk register could not be read" in html
    assert "hx-trigger" not in html  # finished: the page stops polling


def test_a_pack_being_built_elsewhere_is_left_alone(officer, broken_sections):
    pack = _queued(officer)
    started = timezone.now() - datetime.timedelta(minutes=5)
    AuditPack.objects.filter(pk=pack.pk).update(status=AuditPack.Status.BUILDING, started_at=started,
                                               stage="rendering section 2/9", progress=40)
    result = build_audit_pack(pack, workers=1)
    assert result.status == AuditPack.Status.BUILDING and result.stage == "rendering section 2/9"
    assert result.error == ""


def test_a_build_whose_worker_died_is_taken_over(officer, broken_sections):
    pack = _queued(officer)
    started = timezone.now() - STALE_BUILD - datetime.timedelta(minutes=1)
    AuditPack.objects.filter(pk=pack.pk).update(status=AuditPack.Status.BUILDING, started_at=started)
    result = build_audit_pack(pack, workers=1)
    assert result.status == AuditPack.Status.FAILED  # claimed again, and this time it ran (and failed)
    assert result.started_at > started


def test_a_failed_pack_is_not_built_again_by_a_redelivered_task(officer, broken_sections, monkeypatch):
    pack = build_audit_pack(_queued(officer), workers=1)
    monkeypatch.setattr(sections, "PACK_SECTION_PROVIDERS", [])
    again = build_audit_pack(AuditPack.objects.get(pk=pack.pk), workers=1)
    assert again.status == AuditPack.Status.FAILED and "risk register" in again.error


def test_request_enqueues_the_build_only_when_the_transaction_commits(
    officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pack = request_audit_pack(acting_user=officer, as_of=timezone.localdate())
        assert AuditPack.objects.get(pk=pack.pk).status == AuditPack.Status.QUEUED
    assert len(callbacks) == 1


def test_request_of_an_engineer_enqueues_nothing(engineer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, pytest.raises(PermissionDenied):
        request_audit_pack(acting_user=engineer, as_of=timezone.localdate())
    assert callbacks == [] and not AuditPack.objects.exists()


# --- the command -----------------------------------------------------------------------------


def test_build_command_reports_a_failed_build(officer, broken_sections, tmp_path):
    with pytest.raises(CommandError, match="failed: The build failed: the risk register"):
        _command("-o", str(tmp_path), "--user", officer.username)
    assert AuditPack.objects.get().status == AuditPack.Status.FAILED
    assert list(tmp_path.iterdir()) == []


def test_build_command_refuses_an_engineer(engineer, tmp_path):
    with pytest.raises(CommandError, match="Cannot request the pack"):
        _command("-o", str(tmp_path), "--user", engineer.username)
    assert not AuditPack.objects.exists()


def test_build_command_refuses_an_unknown_engagement(officer, tmp_path):
    with pytest.raises(CommandError, match="No audit engagement with id 4242"):
        _command("-o", str(tmp_path), "--user", officer.username, "--engagement", "4242")
    assert not AuditPack.objects.exists()


def test_build_command_refuses_an_unknown_user(db, tmp_path):
    with pytest.raises(CommandError, match="No active user 'nobody'"):
        _command("-o", str(tmp_path), "--user", "nobody")


def test_build_command_refuses_a_future_date(officer, tmp_path):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="cannot be dated in the future"):
        _command("-o", str(tmp_path), "--user", officer.username, "--as-of", tomorrow)
    assert not AuditPack.objects.exists()
