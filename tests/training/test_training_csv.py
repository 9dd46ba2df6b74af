"""Training CSV import (issue #8): all or nothing, every problem reported with its line."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests import factories
from tests.conftest import client_for
from training import csv_import
from training.models import TrainingRecord

TODAY = datetime.date.today()
HEADER = "email,course,completed_on,score\n"


@pytest.fixture
def estate(db):
    return factories.PersonFactory(email="ann@example.com"), factories.CourseFactory(title="Awareness")


def _errors(text: str | bytes) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(csv_import.TrainingCsvError) as caught:
        csv_import.parse(data)
    return caught.value.errors


def test_parse_good_file(estate):
    rows = csv_import.parse(f"{HEADER}ann@example.com,Awareness,2026-01-05,88\n".encode())
    assert rows == [{"person": estate[0], "course": estate[1],
                     "completed_on": datetime.date(2026, 1, 5), "score": 88}]


def test_parse_unknown_person(estate):
    assert "unknown person" in _errors(f"{HEADER}zed@example.com,Awareness,2026-01-05,\n")[0]


def test_parse_unknown_course(estate):
    assert "unknown course" in _errors(f"{HEADER}ann@example.com,Nope,2026-01-05,\n")[0]


def test_parse_bad_date(estate):
    assert "bad date" in _errors(f"{HEADER}ann@example.com,Awareness,05/01/2026,\n")[0]


def test_parse_future_date(estate):
    future = TODAY + datetime.timedelta(days=3)
    assert "future" in _errors(f"{HEADER}ann@example.com,Awareness,{future},\n")[0]


def test_parse_duplicate_in_file(estate):
    line = "ann@example.com,Awareness,2026-01-05,\n"
    assert "duplicate of line 2" in _errors(HEADER + line + line)[0]


def test_parse_already_recorded(estate):
    factories.training_record(*estate, datetime.date(2026, 1, 5))
    assert "already recorded" in _errors(f"{HEADER}ann@example.com,Awareness,2026-01-05,\n")[0]


def test_parse_bad_score(estate):
    assert "bad score" in _errors(f"{HEADER}ann@example.com,Awareness,2026-01-05,120\n")[0]


def test_parse_wrong_columns(estate):
    assert "columns" in _errors("mail,course,date\nx,y,z\n")[0]


def test_parse_non_utf8(estate):
    assert "UTF-8" in _errors("email,course,completed_on,score\nj\xf6rg,A,2026-01-01,\n".encode("latin-1"))[0]


def test_parse_empty_file(estate):
    assert "empty" in _errors("")[0]


def test_officer_can_import_good_file(officer, estate):
    upload = SimpleUploadedFile("t.csv", f"{HEADER}ann@example.com,Awareness,2026-01-05,88\n".encode())
    response = client_for(officer).post(reverse("training:training-import"), {"file": upload})
    assert response.status_code == 302
    assert TrainingRecord.objects.get().score == 88


def test_import_is_all_or_nothing(officer, estate):
    text = f"{HEADER}ann@example.com,Awareness,2026-01-05,88\nzed@example.com,Awareness,2026-01-05,\n"
    response = client_for(officer).post(reverse("training:training-import"),
                                        {"file": SimpleUploadedFile("t.csv", text.encode())})
    assert response.status_code == 200
    assert b"Line 3: unknown person" in response.content
    assert not TrainingRecord.objects.exists()


def test_import_training_command(tmp_path, estate):
    factories.UserFactory(username="root", is_superuser=True)
    path = tmp_path / "t.csv"
    path.write_text(f"{HEADER}ann@example.com,Awareness,2026-01-05,\n")
    call_command("import_training", str(path))
    assert TrainingRecord.objects.count() == 1


def test_import_training_command_reports_errors(tmp_path, estate):
    factories.UserFactory(username="root", is_superuser=True)
    path = tmp_path / "t.csv"
    path.write_text(f"{HEADER}ann@example.com,Nope,2026-01-05,\n")
    with pytest.raises(CommandError, match="unknown course"):
        call_command("import_training", str(path))
