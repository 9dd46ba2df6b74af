import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from controls.export import HEADERS
from controls.services import update_soa_entry
from tests.conftest import client_for
from tests.factories import AssetFactory, soa_entry

pytestmark = pytest.mark.django_db
EXPORT = reverse("controls:soa-export")


@pytest.fixture
def decided(officer):
    update_soa_entry(
        acting_user=officer, entry=soa_entry("7.12"), applicable=False, owner=officer,
        justification="Cloud hosting only, no cabling of ours.",
    )
    update_soa_entry(
        acting_user=officer, entry=soa_entry("8.24"), applicable=True, justification="Weights at rest",
        implementation_status="implemented", implementation="KMS", assets=[AssetFactory(), AssetFactory()],
    )


def _by_ref(rows):
    return {row[0]: row for row in rows}


def test_auditor_can_download_the_soa_as_csv(auditor, decided, officer):
    response = client_for(auditor).get(f"{EXPORT}?format=csv")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == HEADERS and len(rows) == 94
    rows = _by_ref(rows[1:])
    assert rows["7.12"][3:7] == ["no", "Cloud hosting only, no cabling of ours.", "Excluded", str(officer)]
    assert rows["8.24"][3] == "yes" and rows["8.24"][5:] == ["Implemented", "", "KMS", "2", "0", "0"]
    assert rows["5.1"][3] == "undecided"


def test_engineer_can_download_the_soa_as_xlsx(engineer, decided):
    response = client_for(engineer).get(f"{EXPORT}?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADERS and len(rows) == 94
    assert _by_ref(rows[1:])["8.24"][8:] == [2, 0, 0]


def test_export_refuses_an_unknown_format(officer):
    assert client_for(officer).get(f"{EXPORT}?format=pdf").status_code == 400


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_soa_command_writes_the_file(tmp_path, decided, fmt):
    path = tmp_path / f"soa.{fmt}"
    call_command("export_soa", "--format", fmt, "-o", str(path), stdout=io.StringIO())
    if fmt == "csv":
        rows = list(csv.reader(path.open(encoding="utf-8")))
    else:
        rows = [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]
    assert len(rows) == 94 and _by_ref(rows[1:])["7.12"][5] == "Excluded"
