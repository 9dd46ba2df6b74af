import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from isms.models import AuditEntry
from risks.models import Risk, RiskAcceptance
from risks.services import accept_risk, create_treatment_action
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _register(officer, count: int):
    assessment = factories.RiskAssessmentFactory(assessor=officer)
    for n in range(count):
        model = factories.AssetFactory(kind="model", model_version="1", owner=officer)
        risk = factories.risk(officer, assessment=assessment, title=f"Risk {n}", assets=[model],
                              residual_likelihood=4, controls=[])
        accept_risk(risk, acting_user=officer, justification="ok")
        create_treatment_action(acting_user=officer, risk=risk, description="late", owner=officer,
                      due_date=timezone.localdate() - datetime.timedelta(days=1))
    return assessment


@pytest.mark.parametrize("count", [1, 50])
def test_register_query_count_is_constant(officer, django_assert_max_num_queries, count):
    _register(officer, count)
    client = client_for(officer)
    # The first request renders the page; the next finds its fragments kept under the same head
    # of the audit trail (isms.fragments) and reads only what the view itself needs.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("risks:risk-list"))
    assert response.status_code == 200
    assert response.content.count(b'href="/risks/') >= count
    with django_assert_max_num_queries(9):
        again = client.get(reverse("risks:risk-list"))
    assert again.content.count(b'href="/risks/') == response.content.count(b'href="/risks/')


def _asset_options(response) -> list[str]:
    html = response.content.decode()
    select = html[html.index('<select name="asset"'):]
    return re.findall(r'<option value="(\d+)"', select[: select.index("</select>")])


@pytest.mark.parametrize("count", [1, 50])
def test_register_filtered_by_asset_query_count_is_constant(officer, django_assert_max_num_queries,
                                                            count):
    _register(officer, count)
    asset = Risk.objects.get(title="Risk 0").assets.get()
    client = client_for(officer)
    with django_assert_max_num_queries(18):  # and the asset: validated, then its name for the select
        response = client.get(reverse("risks:risk-list"), {"asset": asset.pk})
    assert [r.title for r in response.context["object_list"]] == ["Risk 0"]
    with django_assert_max_num_queries(10):
        client.get(reverse("risks:risk-list"), {"asset": asset.pk})


def test_register_asset_filter_lists_only_the_selected_asset(officer):
    _register(officer, 3)
    factories.AssetFactory.create_batch(60)
    asset = Risk.objects.get(title="Risk 1").assets.get()
    client = client_for(officer)
    response = client.get(reverse("risks:risk-list"), {"asset": asset.pk})
    assert [r.title for r in response.context["object_list"]] == ["Risk 1"]
    assert _asset_options(response) == [str(asset.pk)]
    assert f'<option value="{asset.pk}" selected>{asset.name}</option>' in response.content.decode()
    assert _asset_options(client.get(reverse("risks:risk-list"))) == []
    assert 'placeholder="Type to search assets…"' in response.content.decode()


def test_register_asset_filter_rejects_an_unknown_asset(officer):
    _register(officer, 2)
    response = client_for(officer).get(reverse("risks:risk-list"), {"asset": 999999})
    assert response.context["filter"].errors["asset"]
    assert list(response.context["object_list"]) == []
    assert '<select name="asset" aria-invalid="true"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_treatment_plan_query_count_is_constant(officer, django_assert_max_num_queries, count):
    _register(officer, count)
    with django_assert_max_num_queries(25):
        assert client_for(officer).get(reverse("risks:treatment-plan")).status_code == 200


@pytest.mark.parametrize("count", [1, 50])
def test_threat_list_query_count_is_constant(officer, django_assert_max_num_queries, count):
    for _ in range(count):
        factories.ThreatFactory()
    with django_assert_max_num_queries(25):
        assert client_for(officer).get(reverse("risks:threat-list")).status_code == 200


@pytest.mark.parametrize("count", [1, 50])
def test_assessment_list_query_count_is_constant(officer, django_assert_max_num_queries, count):
    for _ in range(count):
        factories.RiskAssessmentFactory(assessor=officer)
    with django_assert_max_num_queries(25):
        assert client_for(officer).get(reverse("risks:assessment-list")).status_code == 200


def test_register_shows_the_heatmap_svg(officer):
    _register(officer, 2)
    response = client_for(officer).get(reverse("risks:risk-list"))
    assert b"<svg" in response.content and b"Residual risk" in response.content


def test_register_filters_stale_acceptances(officer):
    _register(officer, 2)
    model = Risk.objects.get(title="Risk 0").assets.get()
    model.model_version = "2"
    model.save()
    response = client_for(officer).get(reverse("risks:risk-list"), {"stale": "true"})
    assert [r.title for r in response.context["object_list"]] == ["Risk 0"]
    assert b"Re-acceptance needed" in response.content


def test_register_htmx_returns_the_rows_partial(officer):
    _register(officer, 1)
    response = client_for(officer).get(reverse("risks:risk-list"), HTTP_HX_REQUEST="true")
    assert b"<h1" not in response.content and b"risk-register" in response.content


def test_officer_can_create_a_risk(officer):
    assessment = factories.RiskAssessmentFactory(assessor=officer)
    threat = factories.ThreatFactory()
    response = client_for(officer).post(reverse("risks:risk-create"), {
        "assessment": assessment.pk, "title": "Jailbreak", "threat": threat.pk, "inherent_likelihood": 5,
        "inherent_impact": 5, "treatment": "modify", "residual_likelihood": 2, "residual_impact": 2,
        "owner": officer.pk, "status": "open",
    })
    risk = Risk.objects.get(title="Jailbreak")
    assert response.status_code == 302
    assert (risk.inherent_level, risk.residual_level) == ("critical", "low")
    assert AuditEntry.objects.filter(object_pk=str(risk.pk), action=0).exists()


def test_engineer_owner_can_accept_their_risk(officer, engineer):
    risk = factories.risk(officer, owner=engineer, residual_likelihood=4)
    response = client_for(engineer).post(reverse("risks:risk-accept", args=[risk.pk]),
                                         {"justification": "Rate limits compensate"})
    assert response.status_code == 302
    assert RiskAcceptance.objects.get(risk=risk).accepted_by == engineer


def test_engineer_cannot_accept_someone_elses_risk(officer, engineer):
    risk = factories.risk(officer, residual_likelihood=4)
    response = client_for(engineer).post(reverse("risks:risk-accept", args=[risk.pk]), {"justification": "x"})
    assert response.status_code == 403
    assert not RiskAcceptance.objects.exists()


def test_engineer_can_update_the_progress_of_their_action(officer, engineer):
    risk = factories.risk(officer)
    action = create_treatment_action(acting_user=officer, risk=risk, description="Add filter", owner=engineer,
                           due_date=timezone.localdate())
    response = client_for(engineer).post(reverse("risks:action-edit", args=[action.pk]), {"status": "done"})
    action.refresh_from_db()
    assert (response.status_code, action.status, action.owner) == (302, "done", engineer)


def test_close_above_appetite_without_acceptance_shows_an_error(officer):
    risk = factories.risk(officer, residual_likelihood=4)
    response = client_for(officer).post(reverse("risks:risk-close", args=[risk.pk]), follow=True)
    assert b"must accept it" in response.content
    risk.refresh_from_db()
    assert risk.status == "open"


def test_export_csv_honours_filters(officer):
    _register(officer, 3)
    response = client_for(officer).get(reverse("risks:risk-export"), {"format": "csv", "ordering": "title"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "ID" and [r[2] for r in rows[1:]] == ["Risk 0", "Risk 1", "Risk 2"]
    filtered = client_for(officer).get(reverse("risks:risk-export"), {"format": "csv", "level": "low"})
    assert len(list(csv.reader(io.StringIO(b"".join(filtered.streaming_content).decode())))) == 1


def test_export_xlsx_reads_back(officer):
    _register(officer, 2)
    response = client_for(officer).get(reverse("risks:risk-export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][2] == "Title" and len(rows) == 3
    assert rows[1][15] == 12  # residual score


def test_coverage_lists_unassessed_applicable_threats(officer):
    assessment = factories.RiskAssessmentFactory(assessor=officer)
    model = factories.AssetFactory(kind="model", status="production", owner=officer)
    threat = factories.ThreatFactory(asset_kinds=["model"])
    factories.risk(officer, assessment=assessment, assets=[model], threat=threat)
    response = client_for(officer).get(reverse("risks:coverage"))
    row = next(r for r in response.context["rows"] if r["asset"] == model)
    assert threat in row["assessed"] and row["missing"]
    assert all("model" in t.asset_kinds for t in row["missing"])


def test_dashboard_shows_the_risks_panel(officer):
    _register(officer, 1)
    response = client_for(officer).get(reverse("dashboard"))
    assert b"need re-acceptance" in response.content


def test_criteria_revise_page_creates_a_version(officer):
    response = client_for(officer).post(reverse("risks:criteria-edit"), {
        "name": "Three by three", "likelihood_labels": "Low\nMedium\nHigh",
        "impact_labels": "Low\nMedium\nHigh",
        "bands": "low 1\nmedium 3\nhigh 6", "appetite": 4,
    })
    assert response.status_code == 302
    from risks.models import RiskCriteria

    assert RiskCriteria.objects.current().likelihood_labels == ["Low", "Medium", "High"]


def test_asset_page_lists_risks_and_missing_threats(officer):
    model = factories.AssetFactory(kind="model", owner=officer)
    factories.risk(officer, title="Weights theft", assets=[model])
    html = client_for(officer).get(model.get_absolute_url()).content.decode()
    assert "Weights theft" in html and "Model inversion" in html


def test_coverage_follows_the_approved_scope_once_there_is_one(officer):
    in_scope = factories.AssetFactory(kind="model", status="production", owner=officer)
    outside = factories.AssetFactory(kind="model", status="production", owner=officer)
    factories.ThreatFactory(asset_kinds=["model"])
    factories.ScopeFactory().assets.set([in_scope])
    response = client_for(officer).get(reverse("risks:coverage"))
    assert [r["asset"] for r in response.context["rows"]] == [in_scope]
    assert outside not in [r["asset"] for r in response.context["rows"]]


def test_register_opens_on_the_current_assessment_and_can_show_all(officer):
    from risks.services import approve_assessment, submit_assessment

    old = factories.RiskAssessmentFactory(assessor=officer, title="2026")
    factories.risk(officer, assessment=old, title="old risk")
    submit_assessment(old, acting_user=officer)
    approve_assessment(old, acting_user=officer)
    current = factories.RiskAssessmentFactory(assessor=officer, title="2027")
    factories.risk(officer, assessment=current, title="current risk")
    client = client_for(officer)
    opened = client.get(reverse("risks:risk-list"))
    assert [r.title for r in opened.context["object_list"]] == ["current risk"]
    everything = client.get(reverse("risks:risk-list"), {"assessment": ""})
    assert {r.title for r in everything.context["object_list"]} == {"old risk", "current risk"}
    chosen = client.get(reverse("risks:risk-list"), {"assessment": old.pk})
    assert [r.title for r in chosen.context["object_list"]] == ["old risk"]
    assert chosen.context["filter"].form.cleaned_data["assessment"] == old


@pytest.mark.parametrize("params", [{}, {"per_page": 25}, {"level": "high"}, {"assessment": ""}])
def test_register_counts_its_risks_from_the_heatmaps_query_when_they_show_the_same(officer, params):
    """The page count comes from the heatmaps' grouped query when both are of the listed risks,
    and from its own COUNT otherwise ("All assessments"): the same figure either way."""
    assessment = _register(officer, 30)
    for n in range(3):  # the current assessment (the newest draft) has high and low risks
        factories.risk(officer, assessment=assessment, title=f"Low {n}", inherent_likelihood=1,
                       inherent_impact=1, residual_likelihood=1, residual_impact=1)
    response = client_for(officer).get(reverse("risks:risk-list"), params)
    everything = Risk.objects.all() if params.get("assessment") == "" else assessment.risks.all()
    expected = everything.filter(residual_level=params["level"]) if "level" in params else everything
    assert response.context["page_obj"].paginator.count == expected.count() > 0
    assert b"Residual risk" in response.content  # the heatmaps are drawn


def test_register_filters_by_residual_level(officer):
    assessment = _register(officer, 2)  # residual 4 x 4: high
    factories.risk(officer, assessment=assessment, title="Barely", residual_likelihood=1, residual_impact=1)
    client = client_for(officer)
    high = client.get(reverse("risks:risk-list"), {"level": "high"}).context["object_list"]
    low = client.get(reverse("risks:risk-list"), {"level": "low"}).context["object_list"]
    assert {r.title for r in high} == {"Risk 0", "Risk 1"} and [r.title for r in low] == ["Barely"]
