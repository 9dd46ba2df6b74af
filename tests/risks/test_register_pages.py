"""The risk register and a risk's page as each role uses them: filters that select what they
say, acceptance by the owner only, closing above appetite refused until accepted, treatment
actions, and buttons only for what the role may do."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from risks.models import Risk, RiskAcceptance, TreatmentAction
from risks.services import accept_risk, create_treatment_action
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _titles(user, **params) -> set[str]:
    response = client_for(user).get(reverse("risks:risk-list"), params)
    assert response.status_code == 200
    return {risk.title for risk in response.context["object_list"]}


@pytest.fixture
def register(officer, engineer):
    assessment = factories.RiskAssessmentFactory(assessor=officer)
    low = factories.risk(officer, assessment=assessment, title="low-risk", residual_likelihood=1,
                         residual_impact=1, treatment="retain")
    high = factories.risk(officer, assessment=assessment, title="high-risk", residual_likelihood=5,
                          residual_impact=5, treatment="modify", owner=engineer)
    return assessment, low, high


def test_the_level_filter_selects_the_residual_level(officer, register):
    _, low, high = register
    assert _titles(officer, level=high.residual_level) == {"high-risk"}
    assert _titles(officer, level=low.residual_level) == {"low-risk"}


def test_the_owner_and_treatment_filters(officer, engineer, register):
    assert _titles(officer, owner=engineer.pk) == {"high-risk"}
    assert _titles(officer, treatment="retain") == {"low-risk"}


def test_the_overdue_filter_finds_risks_with_late_actions(officer, engineer, register):
    _, _, high = register
    create_treatment_action(high, acting_user=officer, description="Rate-limit the endpoint",
                            owner=engineer, due_date=timezone.localdate() - datetime.timedelta(days=2))
    assert _titles(officer, overdue="on") == {"high-risk"}
    html = client_for(officer).get(reverse("risks:risk-list")).content.decode()
    assert "1 overdue" in html


def test_the_re_acceptance_filter_finds_stale_acceptances(officer, engineer, register):
    _, _, high = register
    accept_risk(high, acting_user=engineer, justification="Budget next year")
    assert _titles(officer, stale="on") == set()
    from risks.services import update_risk

    update_risk(high, acting_user=officer, residual_likelihood=4)
    assert _titles(officer, stale="on") == {"high-risk"}


def test_only_the_owner_accepts_and_the_others_are_refused(officer, engineer, auditor, register):
    _, _, high = register
    url = reverse("risks:risk-accept", args=[high.pk])
    for other in (officer, auditor):
        assert client_for(other).post(url, {"justification": "fine"}).status_code == 403
    assert not RiskAcceptance.objects.exists()
    assert client_for(engineer).post(url, {"justification": "Budget next year"}).status_code == 302
    acceptance = RiskAcceptance.objects.get()
    assert acceptance.accepted_by == engineer and acceptance.residual_score_at_acceptance == 25


def test_closing_above_appetite_waits_for_an_acceptance(officer, engineer, register):
    _, _, high = register
    client = client_for(officer)
    response = client.post(reverse("risks:risk-close", args=[high.pk]), follow=True)
    assert "the risk owner must accept it before it is closed" in response.content.decode()
    high.refresh_from_db()
    assert high.status != Risk.Status.CLOSED
    accept_risk(high, acting_user=engineer, justification="Budget next year")
    assert client.post(reverse("risks:risk-close", args=[high.pk])).status_code == 302
    high.refresh_from_db()
    assert high.status == Risk.Status.CLOSED


def test_a_risk_within_appetite_closes_without_acceptance(officer, register):
    _, low, _ = register
    assert client_for(officer).post(reverse("risks:risk-close", args=[low.pk])).status_code == 302
    low.refresh_from_db()
    assert low.status == Risk.Status.CLOSED


def test_an_auditor_reads_a_risk_without_any_button(officer, auditor, register):
    _, _, high = register
    html = client_for(auditor).get(reverse("risks:risk-detail", args=[high.pk])).content.decode()
    assert "high-risk" in html
    for name in ("risk-edit", "risk-accept", "risk-close", "action-create"):
        assert reverse(f"risks:{name}", args=[high.pk]) not in html


def test_an_action_is_planned_from_the_risk_page(officer, engineer, register):
    _, _, high = register
    response = client_for(officer).post(reverse("risks:action-create", args=[high.pk]), {
        "description": "Add output filtering", "owner": engineer.pk,
        "due_date": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(), "status": "open"})
    assert response.status_code == 302
    action = TreatmentAction.objects.get(risk=high)
    assert action.owner == engineer
    assert "Add output filtering" in client_for(officer).get(
        reverse("risks:risk-detail", args=[high.pk])).content.decode()


def test_an_auditor_is_never_offered_as_a_risk_or_action_owner(officer, auditor, register):
    _, _, high = register
    for url in (reverse("risks:risk-create"), reverse("risks:action-create", args=[high.pk])):
        html = client_for(officer).get(url).content.decode()
        owners = html[html.index('<select name="owner"'):]
        owners = owners[: owners.index("</select>")]
        assert f'<option value="{auditor.pk}"' not in owners, url
        assert f'<option value="{officer.pk}"' in owners, url


def test_the_csv_export_follows_the_filters(officer, engineer, register):
    response = client_for(officer).get(reverse("risks:risk-export"), {"format": "csv", "owner": engineer.pk})
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "high-risk" in body and "low-risk" not in body
