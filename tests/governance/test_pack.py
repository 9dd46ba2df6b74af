"""Audit-pack sections of the governance app (pack contract): data and rendered fragments."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from governance.models import Acknowledgement
from governance.pack import pack_sections
from tests import factories

TODAY = timezone.localdate()


def _render(section) -> str:
    return render_to_string(section["template"], section["context"])


def test_pack_sections_follow_the_contract(db):
    sections = pack_sections(TODAY)
    assert [s["key"] for s in sections] == ["policies", "objectives"]
    for section in sections:
        html = _render(section)
        assert html.strip().startswith("<section>") and "<h2" not in html
        assert "<script" not in html and "style=" not in html


def test_policies_section_shows_version_in_force_and_acknowledgement_rate(officer):
    version = factories.PolicyVersionFactory(policy__title="Information security policy", number=1,
                                             status="approved", created_by=officer)
    people = factories.PersonFactory.create_batch(4)
    for person in people[:3]:
        Acknowledgement.objects.create(version=version, person=person, acknowledged_on=TODAY)
    factories.PolicyVersionFactory(policy=version.policy, number=2, created_by=officer,
                                   change_summary="Draft changes")
    html = _render(pack_sections(TODAY)[0])
    assert "Information security policy" in html and "v1" in html
    assert "75 % (3 of 4)" in html
    assert "Draft changes" in html and f"by {officer.get_full_name()}" in html


def test_policies_section_as_of_an_earlier_date_ignores_later_approvals(officer):
    factories.PolicyVersionFactory(policy__title="New policy", status="approved", created_by=officer)
    rows = pack_sections(TODAY - datetime.timedelta(days=1))[0]["context"]["policies"]
    assert rows[0]["current"] is None


def test_objectives_section_lists_measurements_with_trend(officer):
    objective = factories.ObjectiveFactory(title="Annex A implemented", owner=officer)
    factories.MeasurementFactory(objective=objective, value=70, date=TODAY - datetime.timedelta(days=30))
    factories.MeasurementFactory(objective=objective, value=92, date=TODAY)
    html = _render(pack_sections(TODAY)[1])
    assert "Annex A implemented" in html and "92 %" in html and "on target" in html
    assert "<svg" in html and "70 %" in html


def test_pack_sections_query_count_is_constant(officer, django_assert_max_num_queries):
    for i in range(30):
        version = factories.PolicyVersionFactory(policy__owner=officer, status="approved",
                                                 created_by=officer)
        objective = factories.ObjectiveFactory(owner=officer)
        factories.MeasurementFactory(objective=objective, value=i)
        Acknowledgement.objects.create(version=version, person=factories.PersonFactory(),
                                       acknowledged_on=TODAY)
    with django_assert_max_num_queries(8):
        sections = pack_sections(TODAY)
        for section in sections:
            _render(section)
