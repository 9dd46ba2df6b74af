"""isms.trail_memo: values kept per process until the head of the audit trail moves on."""

import pytest
from django.test import RequestFactory

from isms import trail_memo
from isms.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.calls


def test_a_value_is_computed_once_per_head_and_key():
    compute = Counter()
    assert trail_memo.kept((1, "a"), "k", compute) == 1
    assert trail_memo.kept((1, "a"), "k", compute) == 1
    assert trail_memo.kept((1, "a"), "other", compute) == 2
    assert trail_memo.kept((2, "b"), "k", compute) == 3  # the trail moved on
    assert trail_memo.kept((1, "a"), "k", compute) == 4  # an older head's values were dropped


def test_without_a_trail_nothing_is_kept():
    compute = Counter()
    assert [trail_memo.kept(None, "k", compute) for _ in range(3)] == [1, 2, 3]


def test_values_are_bounded_per_head():
    compute = Counter()
    for n in range(trail_memo.MAX_VALUES + 5):
        trail_memo.kept((1, "a"), n, compute)
    assert len(trail_memo._values) <= trail_memo.MAX_VALUES


def test_the_head_is_the_newest_entry_and_read_once_per_request(officer, django_assert_num_queries):
    factories.AssetFactory(owner=officer)
    newest = AuditEntry.objects.order_by("-sequence").first()
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        assert trail_memo.trail_head(request) == (newest.sequence, newest.entry_hash)
        assert trail_memo.trail_head(request) == (newest.sequence, newest.entry_hash)
    factories.AssetFactory(owner=officer)
    assert trail_memo.trail_head()[0] == newest.sequence + 1
