import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from assets import csv_import
from assets.models import Asset
from tests import factories
from tests.conftest import client_for

HEADER = "name,kind,owner,depends_on,training_datasets,holds_pii,pii_categories,confidentiality"
SHA = "a" * 64


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def _errors(data: bytes) -> list[str]:
    with pytest.raises(csv_import.AssetCsvError) as info:
        csv_import.parse(data)
    return info.value.errors


def _upload(client, data: bytes):
    return client.post(reverse("assets:asset-import"), {"file": SimpleUploadedFile("a.csv", data)})


GOOD = _csv(
    "support-endpoint,endpoint,olivia,support-assistant-7b,,no,,high",
    "support-assistant-7b,model,olivia,,support-tickets,no,,high",
    "support-tickets,dataset,olivia,,,yes,contact;account,very_high",
)


def test_officer_can_import_csv_with_forward_references(officer):
    response = _upload(client_for(officer), GOOD)
    assert response.status_code == 302
    model = Asset.objects.get(name="support-assistant-7b")
    assert [d.name for d in model.training_datasets.all()] == ["support-tickets"]
    assert Asset.objects.get(name="support-endpoint").depends_on.get() == model
    assert Asset.objects.get(name="support-tickets").pii_categories == ["contact", "account"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_csv("x,model,olivia", header="name,kind,owner,colour"), "Unknown column: colour"),
        (_csv("x,model", header="name,kind"), "Missing column: owner"),
        (_csv("x,robot,olivia,,,no,,high"), "kind 'robot'"),
        (_csv("x,model,olivia,,,no,,extreme"), "confidentiality 'extreme'"),
        (_csv("x,model,olivia,,,maybe,,high"), "holds_pii 'maybe'"),
        (_csv("x,model,nobody,,,no,,high"), "unknown owner 'nobody'"),
        (_csv("x,model,olivia,,,no,,high", "x,model,olivia,,,no,,high"), "duplicate name 'x'"),
        (_csv("x,model,olivia,ghost,,no,,high"), "unknown asset 'ghost'"),
        (_csv("x,model,olivia,,y,no,,high", "y,model,olivia,,,no,,high"), "is not a dataset"),
        (_csv(f"x,model,olivia,{SHA[:10]}", header="name,kind,owner,artefact_sha256"), "SHA-256"),
        ("name,kind,owner\nmod\xe8le,model,olivia\n".encode("latin-1"), "not UTF-8"),
        (b"", "empty"),
        (b"name,kind,owner\n", "no rows"),
        (b"name,kind,owner\n" + b"x" * (5 * 1024 * 1024), "larger than 5 MB"),
    ],
    ids=["unknown-column", "missing-column", "bad-kind", "bad-rating", "bad-yes-no",
         "unknown-owner", "duplicate-in-file", "unknown-reference", "training-not-dataset",
         "bad-sha256", "not-utf8", "empty", "header-only", "too-large"],
)
def test_parse_reports_bad_csv(officer, data, message):
    errors = _errors(data)
    assert any(message in error for error in errors), errors


def test_parse_reports_name_already_in_database(officer):
    factories.AssetFactory(name="x")
    assert "Row 2: an asset named 'x' already exists" in _errors(_csv("x,model,olivia,,,no,,high"))


def test_parse_reports_every_bad_row_with_its_line_number(officer):
    errors = _errors(_csv("a,robot,olivia,,,no,,high", "b,model,nobody,,,no,,high"))
    assert errors[0].startswith("Row 2:") and errors[1].startswith("Row 3:")


def test_bad_upload_shows_errors_and_imports_nothing(officer):
    response = _upload(client_for(officer), _csv("a,model,olivia,,,no,,high", "b,robot,olivia"))
    assert response.status_code == 200
    assert "Row 3: kind &#x27;robot&#x27;" in response.content.decode()
    assert not Asset.objects.exists()


def test_engineer_cannot_import(engineer):
    assert _upload(client_for(engineer), GOOD).status_code == 403


def test_import_command_imports_file(officer, tmp_path):
    path = tmp_path / "assets.csv"
    path.write_bytes(GOOD)
    out = io.StringIO()
    call_command("import_assets", str(path), user="olivia", stdout=out)
    assert "Imported 3 assets" in out.getvalue() and Asset.objects.count() == 3


def test_import_command_fails_with_row_errors(officer, tmp_path):
    path = tmp_path / "assets.csv"
    path.write_bytes(_csv("x,model,nobody,,,no,,high"))
    with pytest.raises(CommandError, match="Row 2: unknown owner 'nobody'"):
        call_command("import_assets", str(path), user="olivia")
    assert not Asset.objects.exists()


def test_export_honours_filters(engineer):
    factories.AssetFactory(name="a-model", kind="model")
    factories.AssetFactory(name="a-dataset", kind="dataset")
    body = client_for(engineer).get(reverse("assets:asset-export"), {"kind": "dataset"}).content.decode()
    assert "a-dataset" in body and "a-model" not in body


def test_export_then_import_round_trips(officer):
    _upload(client_for(officer), GOOD)
    Asset.objects.filter(name="support-tickets").update(artefact_sha256=SHA, parameter_count=7)
    exported = client_for(officer).get(reverse("assets:asset-export")).content
    before = [csv_import.export_row(a) for a in Asset.objects.order_by("name")]
    for asset in Asset.objects.all():  # an empty inventory, the same users
        asset.depends_on.clear(), asset.training_datasets.clear()
    Asset.objects.all().delete()
    assert _upload(client_for(officer), exported).status_code == 302
    assert [csv_import.export_row(a) for a in Asset.objects.order_by("name")] == before
