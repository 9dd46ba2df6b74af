import pytest
from django.template.loader import render_to_string

from risks.heatmap import heatmap_counts, heatmap_picture, heatmap_svg, heatmaps
from risks.models import Risk
from risks.scoring import level_for
from tests import factories

pytestmark = pytest.mark.django_db


def test_level_for_picks_the_highest_band_reached():
    bands = [{"level": "low", "min_score": 1}, {"level": "high", "min_score": 10}]
    assert (level_for(9, bands), level_for(10, bands), level_for(25, bands)) == ("low", "high", "high")


def test_heatmaps_count_inherent_and_residual_in_one_query(officer, django_assert_num_queries):
    first = factories.risk(officer)
    factories.risk(officer, assessment=first.assessment)
    criteria = first.assessment.criteria
    with django_assert_num_queries(1):
        counts = heatmap_counts(Risk.objects.all(), criteria)
    residual = {(c["likelihood"], c["impact"]): c["count"]
                for c in heatmap_picture(counts["residual"], criteria, "Residual risk")["cells"]}
    assert residual[(2, 3)] == 2 and sum(residual.values()) == 2
    inherent = heatmap_picture(counts["inherent"], criteria, "Inherent risk")["cells"]
    assert next(c for c in inherent if c["count"])["level"] == "high"
    with django_assert_num_queries(1):
        assert [svg[:4] for svg in heatmaps(Risk.objects.all(), criteria)] == ["<svg", "<svg"]


def test_heatmap_template_renders_labels_and_counts(officer):
    risk = factories.risk(officer)
    counts = heatmap_counts(Risk.objects.all(), risk.assessment.criteria)["residual"]
    picture = heatmap_picture(counts, risk.assessment.criteria, "Residual risk")
    svg = render_to_string("risks/_heatmap.svg.html", {"map": picture})
    assert svg.startswith("<svg") and "Almost certain" in svg and "Severe" in svg
    assert "style=" not in svg
    assert heatmap_svg(counts, risk.assessment.criteria, "Residual risk") == svg


def test_control_page_lists_the_control_risks(officer):
    from controls.models import Control
    from tests.conftest import client_for

    control = Control.objects.get(ref="8.16")
    factories.risk(officer, title="Model drift unnoticed", controls=[control])
    html = client_for(officer).get(control.get_absolute_url()).content.decode()
    assert "Model drift unnoticed" in html and "Link risks" in html


def test_officer_cannot_change_the_code_of_a_threat(officer):
    from django.urls import reverse

    from risks.models import Threat
    from tests.conftest import client_for

    threat = Threat.objects.get(code="slm-jailbreak")
    client_for(officer).post(reverse("risks:threat-edit", args=[threat.pk]), {
        "code": "renamed", "name": "Jailbreak (ours)", "affects": ["integrity"], "asset_kinds": ["model"],
    })
    threat.refresh_from_db()
    assert (threat.code, threat.name) == ("slm-jailbreak", "Jailbreak (ours)")
