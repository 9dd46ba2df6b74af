from playwright.sync_api import expect

from governance.models import Acknowledgement, PolicyVersion


def test_officer_approves_policy_v2_and_engineer_acknowledges_it(demo_users, login, live_server, page):
    console_errors = []  # CSP violations (the inline SVG must need no inline style or script)
    page.on("console", lambda msg: "Content Security Policy" in msg.text and console_errors.append(msg.text))
    login("officer", "officer-demo-2026")
    page.goto(f"{live_server.url}/governance/policies/")
    page.get_by_role("link", name="Acceptable use of SLMs").click()
    page.get_by_role("button", name="Approve v2").click()
    expect(page.get_by_test_id("version-2")).to_contain_text("Approved")
    expect(page.get_by_test_id("version-1")).to_contain_text("Superseded")
    page.get_by_role("button", name="Log out").click()

    login("engineer", "engineer-demo-2026")
    page.goto(f"{live_server.url}/governance/policies/mine/")
    page.get_by_role("button", name="I have read and accept v2").click()
    expect(page.get_by_text("your acknowledgement is recorded")).to_be_visible()
    expect(page.get_by_role("row", name="Acceptable use of SLMs")).to_contain_text("Acknowledged")
    page.goto(f"{live_server.url}/governance/objectives/")
    expect(page.locator("svg.trend").first).to_be_visible()
    version = PolicyVersion.objects.get(policy__title="Acceptable use of SLMs", number=2)
    assert Acknowledgement.objects.filter(version=version, person__user__username="engineer").exists()
    assert console_errors == []
