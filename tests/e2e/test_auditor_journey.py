"""The external auditor's journey: enrol TOTP at the first log-in, browse, download evidence,
find no way to change anything, and the officer sees it all in the engagement's access log."""

import re
from base64 import b32decode

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from assets.models import Asset
from auditors.models import AuditEngagement
from tests import factories


def test_auditor_enrols_browses_downloads_cannot_write_and_is_logged(
    demo_users, login, live_server, browser
):
    auditor, officer = demo_users["auditor"], demo_users["officer"]
    TOTPDevice.objects.filter(user=auditor).delete()  # a first log-in: no authenticator yet
    risk = factories.risk(officer, title="Prompt injection leaks support tickets")
    evidence = factories.evidence(officer, title="Quarterly access review export")

    page = login("auditor", "auditor-demo-2026")
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    expect(page.locator(".qr-code svg")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("Code from your authenticator app").fill(f"{totp(b32decode(secret)):06d}")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_test_id("whoami")).to_contain_text("auditor")

    page.get_by_role("link", name="SoA").click()
    expect(page.get_by_role("heading", name=re.compile("Statement of Applicability"))).to_be_visible()
    page.goto(f"{live_server.url}{risk.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Prompt injection leaks support tickets")).to_be_visible()
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    expect(page.get_by_role("button", name="Close risk")).to_have_count(0)

    page.goto(f"{live_server.url}{evidence.get_absolute_url()}")
    with page.expect_download() as download:
        page.get_by_role("link", name="report.pdf").click()
    assert download.value.suggested_filename == "report.pdf"

    # A write sent by hand, with a valid CSRF token, is refused and changes nothing.
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    assets_before = Asset.objects.count()
    response = page.request.post(
        f"{live_server.url}/assets/new/", form={"name": "sneaky", "kind": "model"},
        headers={"X-CSRFToken": csrf, "Referer": f"{live_server.url}/assets/"},
    )
    assert response.status == 403
    assert Asset.objects.count() == assets_before

    officer_page = browser.new_context().new_page()
    officer_page.goto(f"{live_server.url}/accounts/login/")
    officer_page.get_by_label("Username").fill("officer")
    officer_page.get_by_label("Password").fill("officer-demo-2026")
    officer_page.get_by_role("button", name="Log in").click()
    engagement = AuditEngagement.objects.get(auditors=auditor)
    officer_page.goto(f"{live_server.url}{engagement.get_absolute_url()}")
    officer_page.get_by_role("link", name="Access log").first.click()
    rows = officer_page.locator("#rows tbody tr")
    expect(rows.filter(has_text="download")).to_contain_text("report.pdf")
    expect(rows.filter(has_text=risk.get_absolute_url())).to_contain_text(risk.title)
    expect(rows.filter(has_text="POST /assets/new/")).to_contain_text("403")
    expect(rows.filter(has_text="/controls/").first).to_be_visible()
