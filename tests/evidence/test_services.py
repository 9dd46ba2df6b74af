import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from guardian.shortcuts import assign_perm

from controls.models import Control
from evidence.models import Evidence, EvidenceFile, EvidenceVersion
from evidence.services import add_evidence_version, review_evidence
from tests import factories

PDF = b"%PDF-1.4\n% evidence\n1 0 obj\n<<>>\nendobj\n"


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.django_db
def test_evidence_create_stores_the_file_with_its_sha256_size_and_detected_type(officer):
    control = Control.objects.get(ref="8.25")
    item = factories.evidence(officer, controls=[control], files=[factories.upload("scan.pdf", PDF)])
    stored = EvidenceFile.objects.get(version__evidence=item)
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert stored.size == len(PDF)
    assert stored.content_type == "application/pdf"
    assert stored.file.read() == PDF
    assert list(item.controls.all()) == [control]
    assert item.versions.get().number == 1


@pytest.mark.django_db
def test_content_type_comes_from_the_bytes_not_the_name(officer):
    item = factories.evidence(officer, files=[factories.upload("looks.pdf", b'{"roles": ["admin"]}')])
    assert EvidenceFile.objects.get(version__evidence=item).content_type == "application/json"


@pytest.mark.django_db
def test_evidence_version_add_keeps_earlier_versions(officer):
    item = factories.evidence(officer)
    add_evidence_version(acting_user=officer, evidence=item, files=[factories.upload("v2.txt", b"second\n")])
    assert list(item.versions.values_list("number", flat=True)) == [2, 1]
    assert EvidenceFile.objects.filter(version__evidence=item).count() == 2


@pytest.mark.django_db
def test_versions_and_files_are_append_only(officer):
    item = factories.evidence(officer)
    version = item.versions.get()
    stored = version.files.get()
    version.note = "rewritten"
    with pytest.raises(ValidationError, match="append-only"):
        version.save()
    with pytest.raises(ValidationError, match="append-only"):
        stored.delete()
    with pytest.raises(ValidationError, match="append-only"):
        EvidenceFile.objects.filter(pk=stored.pk).update(sha256="0" * 64)
    with pytest.raises(ValidationError, match="append-only"):
        EvidenceVersion.objects.all().delete()
    stored.refresh_from_db()
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        (".htaccess", b"Deny from all\n", "not a plain file name"),
        ("..\\boot.ini", b"[boot]\n", "not a plain file name"),
        ("tool.bin", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "not accepted as evidence"),
        ("big.txt", b"x" * 2048, "the limit is 1,024 bytes"),
    ],
)
def test_bad_files_are_refused_and_leave_nothing_behind(officer, settings, name, content, message):
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError, match=message):
        factories.evidence(
            officer, files=[factories.upload("good.pdf", PDF), factories.upload(name, content)]
        )
    assert not Evidence.objects.exists()
    assert not EvidenceVersion.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_evidence_without_files_is_refused(officer):
    with pytest.raises(ValidationError, match="at least one file"):
        factories.evidence(officer, files=[])
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_a_storage_failure_midway_removes_the_files_already_written(officer, settings):
    class Exploding:
        name, size = "second.pdf", len(PDF)

        def seek(self, *_):
            return 0

        def read(self, *_):
            raise OSError("disk full")

    good = factories.upload("first.pdf", PDF)
    second = factories.upload("second.pdf", PDF)
    second.file = Exploding()  # the second file breaks after the first was stored
    with pytest.raises(OSError, match="disk full"):
        factories.evidence(officer, files=[good, second])
    assert stored_files(settings) == []
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_engineer_cannot_attach_evidence_to_a_control_not_assigned_to_them(engineer):
    with pytest.raises(PermissionDenied, match="8.25"):
        factories.evidence(engineer, controls=[Control.objects.get(ref="8.25")])
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_engineer_can_attach_evidence_to_an_asset_they_own(engineer):
    asset = factories.AssetFactory(owner=engineer)
    assign_perm("assets.change_asset", engineer, asset)
    item = factories.evidence(engineer, assets=[asset])
    assert list(item.assets.all()) == [asset]


@pytest.mark.django_db
def test_engineer_cannot_attach_evidence_to_someone_elses_asset(engineer):
    with pytest.raises(PermissionDenied):
        factories.evidence(engineer, assets=[factories.AssetFactory()])


@pytest.mark.django_db
def test_auditor_cannot_add_evidence(auditor):
    with pytest.raises(PermissionDenied):
        factories.evidence(auditor)


@pytest.mark.django_db
def test_evidence_review_rejection_needs_a_reason(officer):
    item = factories.evidence(officer)
    with pytest.raises(ValidationError, match="why"):
        review_evidence(acting_user=officer, evidence=item, status="rejected", comment=" ")
    review_evidence(acting_user=officer, evidence=item, status="accepted")
    item.refresh_from_db()
    assert item.review_status == "accepted" and item.reviewed_by == officer


@pytest.mark.django_db
def test_a_new_version_needs_a_new_review(officer):
    item = factories.evidence(officer)
    review_evidence(acting_user=officer, evidence=item, status="accepted")
    add_evidence_version(acting_user=officer, evidence=item, files=[factories.upload()])
    item.refresh_from_db()
    assert item.review_status == "pending"


@pytest.mark.django_db
def test_demo_evidence_is_idempotent_and_shows_each_freshness():
    from demo.seed import demo_seed

    demo_seed()
    demo_seed()
    uploaded = Evidence.objects.exclude(source=Evidence.Source.CONNECTOR)  # connector demo adds runs
    assert uploaded.count() == 5
    assert {e.freshness() for e in uploaded} == {"current", "expiring", "expired"}
    assert all(e.versions.get().files.exists() for e in Evidence.objects.all())
