import pytest

from controls.models import SoAEntry
from controls.progress import progress_by_theme
from controls.services import update_soa_entry
from tests.factories import soa_entry

pytestmark = pytest.mark.django_db


def _segments(progress, theme):
    row = next(r for r in progress["rows"] if r["label"] == theme)
    return {seg["key"]: seg["count"] for seg in row["segments"]}, row["total"]


def test_progress_by_theme_counts_statuses_and_exclusions_in_one_query(officer, django_assert_num_queries):
    update_soa_entry(acting_user=officer, entry=soa_entry("7.12"), applicable=False,
                     justification="Cloud only", implementation_status="implemented")
    update_soa_entry(acting_user=officer, entry=soa_entry("7.7"), applicable=True,
                     justification="Office", implementation_status="implemented")
    with django_assert_num_queries(1):
        progress = progress_by_theme(SoAEntry.objects.all())
    assert _segments(progress, "Physical") == ({"implemented": 1, "not_started": 12, "excluded": 1}, 14)
    assert progress["totals"]["excluded"] == 1 and sum(progress["totals"].values()) == 93


def test_progress_bars_fill_the_same_width_for_every_theme():
    progress = progress_by_theme(SoAEntry.objects.all())
    widths = [sum(seg["width"] for seg in row["segments"]) for row in progress["rows"]]
    assert widths == pytest.approx([440] * 4, abs=0.5)


@pytest.mark.parametrize("query", ["", "?o=-status", "?theme=physical", "?status=excluded", "?per_page=25"])
def test_the_soa_page_charts_the_whole_soa_whatever_it_lists(officer, query):
    """Unfiltered on one page, the chart comes from the rows already read; filtered or paged,
    from its own query: the same chart either way."""
    from django.urls import reverse

    from tests.conftest import client_for

    update_soa_entry(acting_user=officer, entry=soa_entry("7.12"), applicable=False,
                     justification="Cloud only", implementation_status="implemented")
    update_soa_entry(acting_user=officer, entry=soa_entry("5.1"), applicable=True,
                     justification="Policies", implementation_status="partial")
    response = client_for(officer).get(reverse("controls:soa-list") + query)
    assert response.context["progress"] == progress_by_theme(SoAEntry.objects.all())
    assert _segments(response.context["progress"], "Physical")[0]["excluded"] == 1
