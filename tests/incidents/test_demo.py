from demo.seed import demo_seed
from incidents.models import Incident, Notification


def test_demo_has_a_running_breach_clock_a_notification_and_a_non_incident(db):
    demo_seed()
    demo_seed()  # idempotent
    breach = Incident.objects.get(personal_data_breach=True)
    assert breach.status == "contained"
    gdpr = breach.clocks.get(regime__code="gdpr-art33-authority")
    assert gdpr.met_at is None and gdpr.state() == "ok"
    assert Notification.objects.filter(incident=breach).count() == 1
    assert Incident.objects.filter(status="not_incident").count() == 1
    assert Incident.objects.count() == 2
