"""The risk register's current assessment, heatmaps and filter options are kept until the audit
trail moves on (risks.register_memo), and are never stale after a change made through the
product."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from risks.models import Risk
from risks.register_memo import register_heatmap_counts
from risks.services import create_threat, create_treatment_action, start_assessment, update_risk
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _register(client, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("risks:risk-list"), params)
    assert response.status_code == 200
    return response, [q["sql"] for q in captured.captured_queries]


def _options(response, name: str) -> list[str]:
    field = response.context["filter"].form[name]
    return [label for _, label in field.field.widget.choices]


def test_a_second_request_reads_only_the_head_of_the_trail(officer):
    assessment = factories.RiskAssessmentFactory(assessor=officer)
    factories.risk(officer, assessment=assessment, title="First")
    client = client_for(officer)
    first, first_sql = _register(client)
    again, again_sql = _register(client)
    assert any("GROUP BY" in sql for sql in first_sql)
    assert not any("GROUP BY" in sql or "risks_threat" in sql and "ORDER BY" in sql and "LIMIT" not in sql
                   for sql in again_sql)
    assert len(again_sql) == len(first_sql) - 5  # current assessment, heatmaps, three option lists
    assert again.content == first.content.replace(
        first.context["csrf_token"].encode(), again.context["csrf_token"].encode())


def test_every_change_to_what_is_kept_is_seen_at_once(officer):
    assessment = factories.RiskAssessmentFactory(assessor=officer, title="2026")
    risk = factories.risk(officer, assessment=assessment, title="First")
    client = client_for(officer)
    response, _ = _register(client)
    assert response.context["page_obj"].paginator.count == 1

    factories.risk(officer, assessment=assessment, title="Second")  # the heatmaps and count
    response, _ = _register(client)
    assert response.context["page_obj"].paginator.count == 2
    assert sum(response.context["view"].heatmap_counts["residual"].values()) == 2

    newcomer = factories.officer(username="nora", first_name="Nora", last_name="New")
    update_risk(acting_user=officer, risk=risk, owner=newcomer)  # the owner options
    assert "Nora New" in _options(_register(client)[0], "owner")

    create_threat(acting_user=officer, code="tokenizer-smuggling", name="Tokenizer smuggling",
                  reference="T-NEW")  # the threats
    assert "Tokenizer smuggling (T-NEW)" in _options(_register(client)[0], "threat")

    newer = start_assessment(acting_user=officer, title="2027")  # the current assessment
    response, _ = _register(client)
    assert response.context["filter"].form.cleaned_data["assessment"] == newer
    assert any(label.startswith("2027") for label in _options(response, "assessment"))


def test_filters_have_their_own_heatmaps(officer):
    assessment = factories.RiskAssessmentFactory(assessor=officer)
    factories.risk(officer, assessment=assessment, title="High", residual_likelihood=4, residual_impact=4)
    factories.risk(officer, assessment=assessment, title="Low", residual_likelihood=1, residual_impact=1)
    client = client_for(officer)
    every, _ = _register(client)
    low, _ = _register(client, level="low")
    assert sum(every.context["view"].heatmap_counts["residual"].values()) == 2
    assert low.context["view"].heatmap_counts["residual"] == {
        **dict.fromkeys(low.context["view"].heatmap_counts["residual"], 0), (1, 1): 1}
    assert low.context["page_obj"].paginator.count == 1


def test_the_overdue_heatmaps_change_with_the_day_not_only_with_the_trail(officer, monkeypatch):
    """An action falls overdue when the day turns, with no change to the ISMS."""
    assessment = factories.RiskAssessmentFactory(assessor=officer)
    risk = factories.risk(officer, assessment=assessment, title="Due tomorrow")
    create_treatment_action(risk, acting_user=officer, description="Rate-limit the endpoint", owner=officer,
                  due_date=timezone.localdate() + datetime.timedelta(days=1))
    client = client_for(officer)
    today, _ = _register(client, overdue="on")
    assert today.context["page_obj"].paginator.count == 0

    in_two_days = timezone.localdate() + datetime.timedelta(days=2)  # the session stays valid
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: in_two_days)
    later, _ = _register(client, overdue="on")
    assert later.context["page_obj"].paginator.count == 1
    assert sum(later.context["view"].heatmap_counts["residual"].values()) == 1


def test_risks_seen_through_grants_are_counted_each_time(officer, outsider):
    """Guardian's grants are not audited: what a user sees through them is never kept."""
    assessment = factories.RiskAssessmentFactory(assessor=officer)
    first = factories.risk(officer, assessment=assessment, title="First")
    second = factories.risk(officer, assessment=assessment, title="Second")
    assign_perm("risks.view_risk", outsider, first)
    criteria = assessment.criteria

    def counted():
        from isms.access import visible
        from isms.trail_memo import trail_head

        risks = visible(Risk.objects.filter(assessment=assessment), outsider)
        return register_heatmap_counts(risks, criteria, outsider, trail_head(), ())[1]

    assert counted() == 1
    assign_perm("risks.view_risk", outsider, second)  # the trail does not move
    assert counted() == 2
