import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from incidents import services
from incidents.models import NotificationClock
from incidents.pack import pack_sections
from tests import factories


def test_pack_section_lists_incidents_and_notifications(officer, engineer, django_assert_max_num_queries):
    breach = factories.incident(engineer, officer=officer, title="Tickets memorised",
                                breach_aware_at=timezone.now() - datetime.timedelta(hours=5))
    services.record_notification(breach, acting_user=officer, clock=NotificationClock.objects.get(),
                                 recipient="Datatilsynet", sent_at=timezone.now(), reference="DT-77",
                                 content_summary="Art. 33 form")
    event = factories.incident(engineer, title="Load test")
    services.triage_incident(event, acting_user=officer, decision="not_incident", reason="Planned test")
    with django_assert_max_num_queries(8):
        sections = pack_sections(timezone.localdate())
    [section] = sections
    assert section["key"] == "incidents" and section["template"] == "incidents/pack/incidents.html"
    html = render_to_string(section["template"], section["context"])
    for text in ("Tickets memorised", "Load test", "Datatilsynet", "DT-77", "GDPR art. 33",
                 '<table class="pack">', "1 incident", "1 closed as not an incident"):
        assert text in html, text
    assert "<script" not in html and "style=" not in html


def test_pack_section_leaves_out_what_was_reported_after_the_as_of_date(officer, engineer):
    factories.incident(engineer, title="Tomorrow's news")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    context = pack_sections(yesterday)[0]["context"]
    assert context["rows"] == [] and context["summary"]["events"] == 0
