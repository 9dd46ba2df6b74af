import datetime

from django.utils import timezone
from playwright.sync_api import expect

from incidents.models import Incident


def _local(delta_hours: float) -> str:
    return (timezone.localtime() - datetime.timedelta(hours=delta_hours)).strftime("%Y-%m-%dT%H:%M")


def test_report_triage_breach_notification_close(demo_users, login, live_server, page):
    # An engineer reports the event.
    login("engineer", "engineer-demo-2026")
    page.goto(f"{live_server.url}/incidents/report/")
    page.get_by_label("Title").fill("Chat endpoint repeats other users' e-mail addresses")
    page.get_by_label("What happened").fill("Answers quote e-mail addresses from the fine-tuning tickets.")
    page.get_by_label("Detected at").fill(_local(3))
    page.get_by_label("How it was detected").fill("Customer complaint")
    # The asset select holds only what was chosen: search, then pick.
    page.get_by_role("searchbox", name="Search assets").fill("tickets-20")
    page.get_by_label("Affected assets").select_option(label="support-tickets-2025")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("incident-status")).to_contain_text("Reported (awaiting triage)")
    incident = Incident.objects.get(title__startswith="Chat endpoint repeats")
    page.context.clear_cookies()

    # The officer triages it into an incident and flags the breach.
    login("officer", "officer-demo-2026")
    page.goto(f"{live_server.url}{incident.get_absolute_url()}")
    page.get_by_role("link", name="Triage").click()
    page.get_by_label("It is an incident").check()
    page.get_by_label("Severity").select_option("high")
    page.get_by_label("Category").select_option("data_leak")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("incident-status")).to_contain_text("Triage")
    expect(page.get_by_test_id("data-categories")).to_contain_text("contact")
    page.get_by_role("link", name="Personal-data breach").click()
    page.get_by_label("Personal-data breach").check()
    page.get_by_label("Aware at").fill(_local(2))
    page.get_by_role("button", name="Save").click()
    clocks = page.get_by_test_id("clocks")
    expect(clocks).to_contain_text("GDPR art. 33")
    expect(clocks).to_contain_text("left")

    # The notification to the authority is recorded and meets the clock.
    page.get_by_role("link", name="Record notification").click()
    gdpr = "GDPR art. 33 – supervisory authority (3 days (72 h))"
    page.get_by_label("Regime clock").select_option(label=gdpr)
    page.get_by_label("Recipient").fill("Datatilsynet")
    page.get_by_label("Sent at").fill(_local(0))
    page.get_by_label("What was said").fill("Nature of the breach, data categories, measures taken.")
    page.get_by_label("Reference number").fill("DT-2026-0042")
    page.get_by_label("Document").set_input_files(
        files=[{"name": "notification.pdf", "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n% breach notification\n1 0 obj\n<<>>\nendobj\n"}])
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("notifications")).to_contain_text("DT-2026-0042")
    expect(clocks).to_contain_text("met")

    # Contained, eradicated, recovered, then closed with lessons learned.
    for status in ("Contained", "Eradicated", "Recovered"):
        page.get_by_role("link", name="Change status").click()
        page.get_by_label("Status").select_option(label=status)
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_test_id("incident-status")).to_contain_text(status)
    page.get_by_role("link", name="Close incident").click()
    page.get_by_label("Lessons learned").fill("Filter model output for PII before it leaves the endpoint.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert").first).to_contain_text("or say why none")
    page.get_by_label("Why no corrective action is needed").fill("The PII filter shipped during recovery.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("incident-status")).to_contain_text("Closed")
    expect(page.get_by_test_id("timeline")).to_contain_text("Notified Datatilsynet")
