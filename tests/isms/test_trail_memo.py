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


def test_kept_choices_are_model_choices_of_audited_models():
    """Only what the audit trail records a change of may be kept until it moves on."""
    from auditlog.registry import auditlog
    from django.contrib.contenttypes.models import ContentType

    from tests.bench.test_fast_paths import _filtersets

    kept = [(cls, name) for cls in _filtersets() for name in getattr(cls, "kept_choices", ())]
    assert len(kept) >= 7
    for cls, name in kept:
        queryset = cls.base_filters[name].extra["queryset"]
        assert not callable(queryset), (cls, name)
        # Django itself keeps content types per process (ContentTypeManager).
        assert auditlog.contains(queryset.model) or queryset.model is ContentType, (cls, name)


@pytest.mark.parametrize("url, name", [
    ("assets:asset-list", "owner"), ("controls:soa-list", "owner"), ("audittrail-list", "actor"),
])
def test_a_new_user_is_an_option_at_once(officer, url, name):
    from django.urls import reverse

    from assets.services.assets import update_asset
    from tests.conftest import client_for

    client = client_for(officer)

    def options():
        form = client.get(reverse(url)).context["filter"].form
        return [label for _, label in form.fields[name].widget.choices]

    before = options()
    newcomer = factories.officer(username="nora", first_name="Nora", last_name="New")
    update_asset(acting_user=officer, asset=factories.AssetFactory(owner=officer), owner=newcomer)
    assert "Nora New" not in before and "Nora New" in options()


def test_a_new_control_is_an_evidence_filter_option_at_once(officer):
    from django.urls import reverse

    from controls.models import Control
    from tests.conftest import client_for

    client = client_for(officer)

    def options():
        form = client.get(reverse("evidence:evidence-list")).context["filter"].form
        return [label for _, label in form.fields["control"].widget.choices]

    before = options()
    framework = Control.objects.first().framework
    Control.objects.create(framework=framework, ref="X.1", title="Tokenizer hygiene", position=999)
    assert not any("Tokenizer hygiene" in label for label in before)
    assert any("Tokenizer hygiene" in label for label in options())
