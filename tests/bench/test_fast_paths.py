"""The fast paths added for the benchmarks give the same answers as the slow ones."""

import csv
import datetime
import io
import re

import pytest
from django import forms
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone

from assets.models import Asset
from isms.widgets import FastNullBooleanSelect, FastSelect, use_fast_widgets
from risks.models import Risk
from risks.services import accept_risk, create_treatment_action
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


class _Form(forms.Form):
    kind = forms.ChoiceField(choices=[("", "All"), ("model", "Model <LLM>"), ("dataset", "Data & sets")],
                             required=False)
    asset = forms.ModelChoiceField(queryset=Asset.objects.all(), required=False)
    pii = forms.NullBooleanField(required=False)


@pytest.mark.parametrize("data", [{}, {"kind": "model", "pii": "true"}, {"kind": "dataset", "pii": "false"}])
def test_fast_selects_write_the_same_html_as_django(officer, data):
    asset = factories.AssetFactory(name='quote"and<tag>', owner=officer)
    factories.AssetFactory(name="other", owner=officer)
    data = {**data, "asset": str(asset.pk)} if data else data
    slow, fast = _Form(data), _Form(data)
    use_fast_widgets(fast)
    assert [type(fast.fields[name].widget) for name in ("kind", "asset", "pii")] == [
        FastSelect, FastSelect, FastNullBooleanSelect]
    for name in ("kind", "asset", "pii"):
        assert parse_html(str(fast[name])) == parse_html(str(slow[name])), name


def _filtersets() -> list[type]:
    import importlib

    import django_filters

    for module in ("isms.filters", "assets.filters", "training.filters", "auditors.filters",
                   "risks.filters", "controls.filters", "evidence.filters", "governance.filters",
                   "incidents.filters", "audits.filters", "packs.filters", "connectors.filters"):
        importlib.import_module(module)
    found, todo = [], [django_filters.FilterSet]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub._meta.model is not None and sub.__module__.split(".")[0] in (
                    "isms", "assets", "training", "auditors", "connectors", "risks", "controls", "evidence",
                    "governance", "incidents", "audits", "packs"):
                found.append(sub)
    return found


def _tricky_data(filterset) -> dict[str, str]:
    """A value for every text, date, checkbox and ordering field, quotes and markup included."""
    data = {}
    for name, field in filterset.form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            data[name] = "on"
        elif isinstance(widget, forms.DateInput):
            data[name] = "2026-11-25"
        elif isinstance(widget, forms.TextInput) and not isinstance(widget, forms.Select):
            data[name] = 'say "hi" <b>&\'s'
        elif name in ("ordering", "o"):  # the sort-by select
            data[name] = [value for value, _ in field.choices if value][-1]
    return data


def test_every_filter_form_renders_as_django_renders_it(officer):
    filtersets = _filtersets()
    assert len(filtersets) >= 20
    swapped = set()
    for filterset_class in filtersets:
        for data in ({}, _tricky_data(filterset_class({}))):
            slow, fast = filterset_class(data or None).form, filterset_class(data or None).form
            use_fast_widgets(fast)
            for name in fast.fields:
                if type(fast.fields[name].widget) is not type(slow.fields[name].widget):
                    swapped.add(type(fast.fields[name].widget).__name__)
                expected = parse_html(str(slow[name]))
                assert parse_html(str(fast[name])) == expected, (filterset_class, name, data)
    assert swapped >= {"FastSelect", "FastCSVSelect", "FastTextInput", "FastDateInput", "FastCheckboxInput"}


def test_lists_take_per_page_from_the_allowed_sizes(officer):
    factories.AssetFactory.create_batch(60, owner=officer)
    client = client_for(officer)
    rows = {size: len(client.get(reverse("assets:asset-list"), {"per_page": size}).context["object_list"])
            for size in ("", "100", "25", "7", "1000")}
    assert rows == {"": 50, "100": 60, "25": 25, "7": 50, "1000": 50}


def _risk(officer, title, *, residual_likelihood, model=None):
    """A risk in the officer's one assessment (the register opens on the current assessment)."""
    from risks.models import RiskAssessment

    assessment = RiskAssessment.objects.first() or factories.RiskAssessmentFactory(assessor=officer)
    return factories.risk(officer, assessment=assessment, title=title, assets=[model] if model else [],
                          residual_likelihood=residual_likelihood)


def _export_rows(officer, **params) -> dict[str, list[str]]:
    response = client_for(officer).get(reverse("risks:risk-export"), {"format": "csv", **params})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    return {row[2]: row for row in rows[1:]}


def test_export_acceptance_column_matches_the_register(officer):
    model = factories.AssetFactory(kind="model", model_version="1", name="slm-a", owner=officer)
    within = _risk(officer, "within", residual_likelihood=1)
    needed = _risk(officer, "needed", residual_likelihood=4)
    accepted = _risk(officer, "accepted", residual_likelihood=4, model=model)
    stale = _risk(officer, "stale", residual_likelihood=4, model=factories.AssetFactory(
        kind="model", model_version="1", name="slm-b", owner=officer))
    for risk in (accepted, stale):
        accept_risk(risk, acting_user=officer, justification="ok")
    stale_model = stale.assets.get()
    stale_model.model_version = "2"  # a new model version makes the acceptance stale
    stale_model.save()
    rows = _export_rows(officer)
    for risk in (within, needed, accepted, stale):
        risk = Risk.objects.for_register().get(pk=risk.pk)
        assert rows[risk.title][19] == risk.acceptance_state.replace("_", " "), risk.title
    assert (rows["accepted"][5], rows["within"][5]) == ("slm-a", "")
    assert [rows[t][19] for t in ("within", "needed", "accepted", "stale")] == [
        "not needed", "needed", "accepted", "stale"]


def test_export_counts_open_and_overdue_actions(officer):
    risk = _risk(officer, "acting", residual_likelihood=1)
    today = timezone.localdate()
    for due, status in ((-3, "open"), (5, "in_progress"), (-9, "done")):
        action = create_treatment_action(risk, acting_user=officer, description=f"step {due}", owner=officer,
                               due_date=today + datetime.timedelta(days=due))
        action.status = status
        action.save()
    assert _export_rows(officer)["acting"][20:22] == ["2", "1"]


@pytest.mark.parametrize("count", [2, 40])
def test_export_query_count_is_constant(officer, django_assert_max_num_queries, count):
    assessment = factories.RiskAssessmentFactory(assessor=officer)
    for n in range(count):
        factories.risk(officer, assessment=assessment, title=f"Risk {n}", residual_likelihood=4,
                       assets=[factories.AssetFactory(owner=officer)])
    client = client_for(officer)
    with django_assert_max_num_queries(18):
        response = client.get(reverse("risks:risk-export"), {"format": "csv"})
        body = b"".join(response.streaming_content)
    assert body.count(b"\n") == count + 1


def _sql(queryset) -> str:
    from django.core.exceptions import EmptyResultSet

    try:
        sql = str(queryset.query)
    except EmptyResultSet:  # .none()
        return "nothing"
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+", "<now>", sql)  # overdue: "now" moves on


def test_filter_sets_set_up_as_django_filter_does(officer, monkeypatch):
    """isms.filtersets: filters copied one level deep and one form class per filter set give the
    same forms, cleaned values and querysets as django-filter's deep copies."""
    from isms.filtersets import ListFilterSet

    factories.risk(officer, title="in the register")
    filtersets = _filtersets()
    assert all(issubclass(cls, ListFilterSet) for cls in filtersets)
    for filterset_class in filtersets:
        for data in (None, {}, _tricky_data(filterset_class({}))):
            fast = filterset_class(data)
            monkeypatch.setattr(ListFilterSet, "copy_filters_shallowly", False)
            slow = filterset_class(data)
            monkeypatch.undo()
            assert fast.is_valid() == slow.is_valid(), filterset_class
            assert getattr(fast.form, "cleaned_data", None) == getattr(slow.form, "cleaned_data", None)
            assert _sql(fast.qs) == _sql(slow.qs), (filterset_class, data)
            assert str(fast.form) == str(slow.form), filterset_class
    # One form class per filter set; each filter set's filters and fields are its own.
    from risks.filters import RiskFilter

    first, second = RiskFilter({"stale": "on"}), RiskFilter({"overdue": "on"})
    assert type(first.form) is type(second.form)
    assert first.form.fields["status"] is not second.form.fields["status"]
    assert first.filters["stale"].parent is first and second.filters["stale"].parent is second
    assert first.filters["stale"].filter.f is first.filters["stale"]  # its method, bound to it
    assert _sql(first.qs) != _sql(second.qs)
