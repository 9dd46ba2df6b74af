"""The forms with the asset search-select: the page lists only the chosen assets, the form
still validates against its own queryset and saves what was chosen."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from controls.models import SoAEntry
from evidence.models import Evidence
from incidents.models import Incident
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _asset_options(html: str, name: str = "assets") -> list[str]:
    select = html[html.index(f'<select name="{name}"'):]
    return re.findall(r'<option value="(\d+)"', select[: select.index("</select>")])


def _evidence(**overrides) -> dict:
    return {"title": "Access review", "effective_date": "2026-10-01", "files": [factories.upload()],
            **overrides}


def test_evidence_form_lists_no_asset_until_searched(engineer):
    factories.AssetFactory.create_batch(60)
    html = client_for(engineer).get(reverse("evidence:evidence-create")).content.decode()
    assert _asset_options(html) == []
    assert "scope=change" in html  # the search offers what the form accepts


def test_engineer_saves_evidence_on_an_asset_they_may_change(engineer):
    mine = factories.asset_owned(engineer)
    response = client_for(engineer).post(reverse("evidence:evidence-create"),
                                         _evidence(assets=[mine.pk]))
    assert response.status_code == 302
    assert list(Evidence.objects.get().assets.all()) == [mine]


def test_engineer_cannot_attach_evidence_to_someone_elses_asset(engineer):
    theirs = factories.AssetFactory()
    response = client_for(engineer).post(reverse("evidence:evidence-create"),
                                         _evidence(assets=[theirs.pk]))
    assert response.status_code == 200 and "assets" in response.context["form"].errors
    assert not Evidence.objects.exists()
    # The chosen-but-refused asset is not offered back in the select either.
    assert _asset_options(response.content.decode()) == []


def test_event_report_saves_the_chosen_assets_and_shows_them_again(engineer):
    chosen = factories.AssetFactory.create_batch(2)
    factories.AssetFactory.create_batch(60)
    client = client_for(engineer)
    assert _asset_options(client.get(reverse("incidents:event-report")).content.decode()) == []
    invalid = client.post(reverse("incidents:event-report"),
                          {"title": "Leak", "assets": [a.pk for a in chosen]})  # no detected_at
    assert sorted(_asset_options(invalid.content.decode())) == sorted(str(a.pk) for a in chosen)
    response = client.post(reverse("incidents:event-report"), {
        "title": "Leak", "description": "Seen in logs.", "detection_method": "x",
        "detected_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "assets": [a.pk for a in chosen],
    })
    assert response.status_code == 302, response.context["form"].errors
    assert set(Incident.objects.get().assets.all()) == set(chosen)


def test_event_report_rejects_an_unknown_asset(engineer):
    response = client_for(engineer).post(reverse("incidents:event-report"), {
        "title": "Leak", "detection_method": "x",
        "detected_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "assets": [999999],
    })
    assert response.status_code == 200 and "assets" in response.context["form"].errors
    assert not Incident.objects.exists()


def test_soa_edit_form_lists_only_the_mapped_assets_and_saves_the_chosen_ones(officer):
    entry = factories.soa_entry("8.25")
    mapped, other = factories.AssetFactory.create_batch(2)
    factories.AssetFactory.create_batch(60)
    entry.assets.set([mapped])
    client = client_for(officer)
    url = reverse("controls:soa-edit", args=[entry.pk])
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert _asset_options(html) == [str(mapped.pk)]
    assert f'hx-target="#id_assets_{entry.pk}"' in html  # the row form's own select id
    response = client.post(url, {
        "applicable": "true", "justification": "CI", "implementation_status": "partial",
        "implementation": "", "last_reviewed": "", "assets": [mapped.pk, other.pk],
    }, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert set(SoAEntry.objects.get(pk=entry.pk).assets.all()) == {mapped, other}


def test_risk_form_starts_from_the_asset_in_the_url_and_saves_the_chosen_assets(officer):
    assessment = factories.RiskAssessmentFactory(assessor=officer)
    threat = factories.ThreatFactory()
    first, second = factories.AssetFactory.create_batch(2)
    factories.AssetFactory.create_batch(60)
    client = client_for(officer)
    html = client.get(reverse("risks:risk-create"), {"asset": first.pk}).content.decode()
    assert _asset_options(html) == [str(first.pk)]
    assert _asset_options(client.get(reverse("risks:risk-create"), {"asset": "x"}).content.decode()) == []
    data = {
        "assessment": assessment.pk, "title": "Jailbreak", "threat": threat.pk, "inherent_likelihood": 5,
        "inherent_impact": 5, "treatment": "modify", "residual_likelihood": 2, "residual_impact": 2,
        "owner": officer.pk, "status": "open", "assets": [first.pk, second.pk],
    }
    assert client.post(reverse("risks:risk-create"), data).status_code == 302
    risk = assessment.risks.get()
    assert set(risk.assets.all()) == {first, second}
    edit = client.get(reverse("risks:risk-edit", args=[risk.pk])).content.decode()
    assert sorted(_asset_options(edit)) == sorted([str(first.pk), str(second.pk)])
    refused = client.post(reverse("risks:risk-create"), {**data, "title": "x", "assets": [999999]})
    assert refused.status_code == 200 and "assets" in refused.context["form"].errors
