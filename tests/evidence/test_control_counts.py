"""The SoA's valid-evidence counts are kept until the audit trail moves on, and are never stale
after a change made through the product (evidence.control_counts)."""

import datetime

import pytest
from django.utils import timezone

from controls.models import Control
from evidence.control_counts import valid_evidence_by_control
from evidence.models import Evidence
from evidence.services import review_evidence
from tests import factories

pytestmark = pytest.mark.django_db


def _direct(today=None) -> dict[int, int]:
    return Evidence.objects.valid(today).count_by_control()


def test_counts_are_read_once_until_the_trail_moves_on(officer, django_assert_num_queries):
    control = Control.objects.get(ref="8.25")
    factories.evidence(officer, controls=[control])
    first = valid_evidence_by_control()
    assert dict(first) == _direct() and first[control.pk] == 1
    with django_assert_num_queries(1):  # the head of the audit trail, not the grouped count
        assert valid_evidence_by_control() is first
    with pytest.raises(TypeError):
        first[control.pk] = 5  # shared between requests: read-only


def test_every_change_to_what_counts_is_seen_at_once(officer):
    control, other = Control.objects.get(ref="8.25"), Control.objects.get(ref="8.28")
    item = factories.evidence(officer, controls=[control])
    assert valid_evidence_by_control()[control.pk] == 1
    factories.evidence(officer, controls=[control, other])  # created and linked
    assert (valid_evidence_by_control()[control.pk], valid_evidence_by_control()[other.pk]) == (2, 1)
    review_evidence(acting_user=officer, evidence=item, status=Evidence.Review.REJECTED, comment="stale")
    assert valid_evidence_by_control()[control.pk] == 1
    assert dict(valid_evidence_by_control()) == _direct()


def test_validity_ends_with_the_day(officer):
    control = Control.objects.get(ref="8.25")
    today = timezone.localdate()
    factories.evidence(officer, controls=[control], valid_until=today)
    assert valid_evidence_by_control(today)[control.pk] == 1
    tomorrow = today + datetime.timedelta(days=1)
    assert control.pk not in valid_evidence_by_control(tomorrow)  # same trail, a new day
    assert dict(valid_evidence_by_control(tomorrow)) == _direct(tomorrow)
