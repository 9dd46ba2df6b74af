import re

from playwright.sync_api import expect

from audits.models import Nonconformity
from isms.dates import days_from_today


def test_officer_walks_audit_finding_nc_action_check_close(demo_users, login, live_server):
    page = login("officer", "officer-demo-2026")
    page.get_by_role("button", name="Assurance").click()
    page.get_by_role("link", name="Internal audits").click()
    page.get_by_role("link", name="Plan an audit").click()
    page.get_by_label("Title").fill("Browser audit of secure coding")
    page.get_by_label("Clauses").select_option("9.2")
    page.get_by_label("Controls").select_option(label="8.28 Secure coding")
    page.get_by_label("Lead auditor").select_option(label="Priya Patel")
    page.get_by_label("Process owner").select_option(label="Evan Eriksen")
    page.get_by_label("Planned start").fill(str(days_from_today(-1)))
    page.get_by_label("Planned end").fill(str(days_from_today(0)))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("audit-status")).to_have_text("Planned")
    page.get_by_role("button", name="Start audit").click()
    expect(page.get_by_test_id("audit-status")).to_have_text("In progress")

    # The finding, recorded inline (htmx) on the checklist row of control 8.28.
    row = page.get_by_test_id("checklist").locator(".list-group-item", has_text="8.28 Secure coding")
    row.get_by_role("link", name="Record result").click()
    page.get_by_label("Result").select_option("minor_nc")
    page.get_by_label("Notes").fill("Two sampled releases skipped the secure code review.")
    page.get_by_role("button", name="Save result").click()
    row = page.get_by_test_id("checklist").locator(".list-group-item", has_text="8.28 Secure coding")
    expect(row.get_by_test_id("result")).to_have_text("Minor nonconformity")
    expect(page).to_have_url(re.compile(r"/internal-audits/\d+/$"))  # swapped in place by htmx
    row.get_by_role("link", name="Raise nonconformity").click()

    expect(page.get_by_label("Description")).to_have_value(re.compile("skipped the secure code review"))
    page.get_by_label("Root cause").fill("Review was optional for hotfix branches.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("nc-status")).to_have_text("Open")

    page.get_by_role("link", name="Add corrective action").click()
    page.get_by_label("Description").fill("Require code review on hotfix branches too.")
    page.get_by_label("Owner").select_option(label="Evan Eriksen")
    page.get_by_label("Due date").fill(str(days_from_today(14)))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("nc-status")).to_have_text("Action planned")

    page.get_by_test_id("actions").get_by_role("link", name="Update").click()
    page.get_by_label("Status").select_option("done")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("nc-status")).to_have_text("Awaiting effectiveness check")

    page.get_by_role("link", name="Record effectiveness check").click()
    page.get_by_label("Effective: close can follow").check()
    page.get_by_label("Notes").fill("No hotfix merged without review in the last 30 releases.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("checks")).to_contain_text("Effective")

    page.get_by_role("button", name="Close").click()
    expect(page.get_by_test_id("nc-status")).to_have_text("Closed")
    nc = Nonconformity.objects.get(title__startswith="8.28 Secure coding")
    assert nc.status == "closed" and nc.checklist_item.audit.title == "Browser audit of secure coding"
