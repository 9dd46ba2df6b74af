import datetime
import glob
import os
import tempfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from packs.models import AuditPack
from packs.services import build_audit_pack, create_audit_pack
from tests import factories
from tests.packs.conftest import build


def _stored_pack_files() -> list[str]:
    root = default_storage.path("packs")
    return [f for f in glob.glob(f"{root}/**/*", recursive=True) if os.path.isfile(f)]


def _temp_dirs(pack) -> list[str]:
    return glob.glob(os.path.join(tempfile.gettempdir(), f"auditpack-{pack.pk}-*"))


@pytest.mark.django_db
def test_audit_pack_build_fails_cleanly_when_an_evidence_file_is_missing(officer):
    item = factories.evidence(officer, title="Firewall export")
    default_storage.delete(item.versions.get().files.get().file.name)
    pack = build(officer)
    pack.refresh_from_db()
    assert pack.status == AuditPack.Status.FAILED
    assert "missing from storage" in pack.error and "Firewall export" in pack.error
    assert not pack.pdf and not pack.zip and pack.page_count is None
    assert _stored_pack_files() == [] and _temp_dirs(pack) == []


@pytest.mark.django_db
def test_audit_pack_build_fails_when_an_evidence_file_was_changed_in_storage(officer):
    item = factories.evidence(officer, title="Access review")
    with open(item.versions.get().files.get().file.path, "ab") as handle:
        handle.write(b"tampered")
    pack = build(officer)
    assert pack.status == AuditPack.Status.FAILED
    assert "does not match its recorded SHA-256" in pack.error
    assert _stored_pack_files() == []


@pytest.mark.django_db
def test_audit_pack_build_bundles_only_the_current_version(officer):
    from evidence.services import add_evidence_version
    from tests.packs.conftest import bundle

    item = factories.evidence(officer, files=[factories.upload("v1.txt", b"first\n")])
    add_evidence_version(acting_user=officer, evidence=item, files=[factories.upload("v2.txt", b"second\n")])
    pack = build(officer)
    names = bundle(pack).namelist()
    assert f"evidence/{item.pk}/v2.txt" in names and f"evidence/{item.pk}/v1.txt" not in names
    assert pack.file_count == 1


@pytest.mark.django_db
def test_ready_pack_is_immutable(officer):
    pack = build(officer)
    assert pack.status == AuditPack.Status.READY, pack.error
    pack.as_of = pack.as_of - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        pack.save()
    with pytest.raises(ValidationError):
        AuditPack.objects.filter(pk=pack.pk).update(manifest_sha256="0" * 64)
    with pytest.raises(ValidationError):
        pack.delete()
    with pytest.raises(ValidationError):
        AuditPack.objects.filter(pk=pack.pk).delete()
    assert AuditPack.objects.get(pk=pack.pk).as_of == timezone.localdate()


@pytest.mark.django_db
def test_audit_pack_build_runs_once(officer):
    pack = build(officer)
    sha = pack.pdf_sha256
    again = build_audit_pack(AuditPack.objects.get(pk=pack.pk), workers=1)
    assert again.status == AuditPack.Status.READY and again.pdf_sha256 == sha


@pytest.mark.django_db
def test_auditor_may_request_a_pack_of_their_own_engagement_only(auditor, officer):
    own = auditor.audit_engagements.get()
    other = factories.AuditEngagementFactory()
    pack = create_audit_pack(acting_user=auditor, as_of=timezone.localdate(), engagement=own)
    assert pack.requested_by == auditor and pack.status == AuditPack.Status.QUEUED
    with pytest.raises(PermissionDenied):
        create_audit_pack(acting_user=auditor, as_of=timezone.localdate(), engagement=other)
    with pytest.raises(PermissionDenied):
        create_audit_pack(acting_user=auditor, as_of=timezone.localdate(), engagement=None)


@pytest.mark.django_db
def test_engineers_cannot_request_packs(engineer):
    with pytest.raises(PermissionDenied):
        create_audit_pack(acting_user=engineer, as_of=timezone.localdate())


@pytest.mark.django_db
def test_a_pack_cannot_be_dated_in_the_future(officer):
    with pytest.raises(ValidationError):
        create_audit_pack(acting_user=officer, as_of=timezone.localdate() + datetime.timedelta(days=1))
