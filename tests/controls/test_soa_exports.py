"""The SoA as an auditor downloads it (CSV and XLSX, read back): every role that may read the
SoA gets the same table, numbers of linked risks, evidence and assets are right, and what an
officer typed comes back as text."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from controls.export import HEADERS
from controls.services import update_soa_entry
from isms.models import AuditEntry
from tests import factories
from tests.conftest import client_for
from tests.factories import soa_entry

pytestmark = pytest.mark.django_db
EXPORT = reverse("controls:soa-export")


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def _xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _by_ref(rows) -> dict:
    return {row[0]: dict(zip(HEADERS, row, strict=True)) for row in rows[1:]}


@pytest.fixture
def linked(officer):
    """8.24 with one asset, two risks and one evidence item; 7.12 excluded."""
    control = soa_entry("8.24").control
    update_soa_entry(soa_entry("8.24"), acting_user=officer, applicable=True, owner=officer,
                     justification="Weights at rest", implementation_status="partial",
                     assets=[factories.AssetFactory(name="weights-bucket")])
    factories.risk(officer, title="Weights stolen", controls=[control])
    factories.risk(officer, title="Keys leaked", controls=[control])
    factories.evidence(officer, controls=[control], title="KMS rotation log")
    update_soa_entry(soa_entry("7.12"), acting_user=officer, applicable=False, justification="Cloud only")
    return control


@pytest.mark.parametrize("role", ["officer", "engineer", "auditor"])
def test_every_reading_role_downloads_the_whole_soa_as_csv(personas, role):
    response = client_for(personas[role]).get(EXPORT, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="statement-of-applicability.csv"' in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[0] == HEADERS and len(rows) == 94


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("anonymous", 302), ("auditor_ended", 302)])
def test_roles_without_the_soa_cannot_download_it(personas, role, status):
    response = client_for(personas[role]).get(EXPORT, {"format": "xlsx"})
    assert response.status_code == status
    assert b"Reference" not in response.content


def test_csv_is_the_default_format(officer):
    response = client_for(officer).get(EXPORT)
    assert response.status_code == 200 and _csv_rows(response)[0] == HEADERS


@pytest.mark.parametrize("fmt", ["pdf", "CSV", "", "xlsx;rm"])
def test_unknown_formats_are_refused_with_a_message(officer, fmt):
    response = client_for(officer).get(EXPORT, {"format": fmt})
    assert response.status_code == 400 and b"format must be csv or xlsx" in response.content


def test_export_refuses_post(officer):
    assert client_for(officer).post(EXPORT, {"format": "csv"}).status_code == 405


def test_csv_counts_linked_assets_risks_and_evidence(officer, linked):
    row = _by_ref(_csv_rows(client_for(officer).get(EXPORT, {"format": "csv"})))["8.24"]
    assert row["Linked assets"] == "1" and row["Linked risks"] == "2" and row["Evidence items"] == "1"
    assert row["Status"] == "Partially implemented" and row["Owner"] == str(officer)
    assert row["Theme"] == "Technological" and row["Title"] == "Use of cryptography"


def test_xlsx_counts_are_numbers(officer, linked):
    row = _by_ref(_xlsx_rows(client_for(officer).get(EXPORT, {"format": "xlsx"})))["8.24"]
    assert (row["Linked assets"], row["Linked risks"], row["Evidence items"]) == (1, 2, 1)


def test_excluded_control_reads_no_and_excluded_in_both_formats(officer, linked):
    client = client_for(officer)
    for rows in (_csv_rows(client.get(EXPORT, {"format": "csv"})),
                 _xlsx_rows(client.get(EXPORT, {"format": "xlsx"}))):
        row = _by_ref(rows)["7.12"]
        assert (row["Applicable"], row["Justification"], row["Status"]) == ("no", "Cloud only", "Excluded")


def test_rows_follow_the_catalogue_order(officer):
    refs = [row[0] for row in _csv_rows(client_for(officer).get(EXPORT, {"format": "csv"}))[1:]]
    assert refs[:3] == ["5.1", "5.2", "5.3"] and refs.index("5.9") < refs.index("5.10")
    assert refs[-1] == "8.34"


def test_xlsx_sheet_is_named_and_has_a_bold_frozen_header(officer):
    response = client_for(officer).get(EXPORT, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Statement of Applicability" and sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])


def test_justification_that_looks_like_a_formula_stays_text_in_the_xlsx(officer):
    text = "=HYPERLINK(\"http://evil.example\",\"Click\")"
    update_soa_entry(soa_entry("5.3"), acting_user=officer, applicable=True, justification=text)
    sheet = load_workbook(io.BytesIO(client_for(officer).get(EXPORT, {"format": "xlsx"}).content)).active
    cell = next(row[4] for row in sheet.iter_rows() if row[0].value == "5.3")
    assert cell.data_type == "s" and cell.value == text


def test_multi_line_text_survives_the_csv(officer):
    text = "Two teams:\n- platform\n- data, \"gold\" tier"
    update_soa_entry(soa_entry("5.3"), acting_user=officer, applicable=True, justification="Yes",
                     implementation=text)
    row = _by_ref(_csv_rows(client_for(officer).get(EXPORT, {"format": "csv"})))["5.3"]
    assert row["Implementation"] == text


def test_non_ascii_text_is_utf8_in_the_csv(officer):
    update_soa_entry(soa_entry("5.3"), acting_user=officer, applicable=True,
                     justification="Zürich DC — née ✓")
    row = _by_ref(_csv_rows(client_for(officer).get(EXPORT, {"format": "csv"})))["5.3"]
    assert row["Justification"] == "Zürich DC — née ✓"


def test_an_export_changes_nothing_and_writes_no_audit_entry(officer, linked):
    before = AuditEntry.objects.exclude(action=AuditEntry.Action.ACCESS).count()
    client_for(officer).get(EXPORT, {"format": "xlsx"})
    assert AuditEntry.objects.exclude(action=AuditEntry.Action.ACCESS).count() == before


def test_a_risk_linked_then_unlinked_is_no_longer_counted(officer, linked):
    from risks.models import Risk
    from risks.services import update_risk

    update_risk(Risk.objects.get(title="Keys leaked"), acting_user=officer, controls=[])
    row = _by_ref(_csv_rows(client_for(officer).get(EXPORT, {"format": "csv"})))["8.24"]
    assert row["Linked risks"] == "1"
