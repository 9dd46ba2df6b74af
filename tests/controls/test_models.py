import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests.factories import soa_entry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("applicable", [True, False])
def test_soaentry_decision_without_justification_is_invalid(applicable):
    entry = soa_entry()
    entry.applicable = applicable
    entry.justification = "   "
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "justification" in error.value.message_dict


def test_soaentry_undecided_needs_no_justification():
    entry = soa_entry()
    entry.full_clean()
    assert entry.applicable is None and entry.applicability_label == "Undecided"


def test_soaentry_database_refuses_a_decision_without_justification():
    entry = soa_entry()
    entry.applicable = False
    with pytest.raises(IntegrityError):
        entry.save()


def test_soaentry_unknown_status_is_invalid():
    entry = soa_entry()
    entry.implementation_status = "done"
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "implementation_status" in error.value.message_dict


def test_soaentry_not_applicable_shows_excluded_whatever_the_status():
    entry = soa_entry()
    entry.applicable, entry.implementation_status = False, "implemented"
    assert entry.status_label == "Excluded" and entry.status_key == "excluded"


def test_soaentry_applicable_shows_its_status():
    entry = soa_entry()
    entry.applicable, entry.implementation_status = True, "partial"
    assert entry.status_label == "Partially implemented" and entry.status_key == "partial"
