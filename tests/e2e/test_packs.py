import re

from playwright.sync_api import expect


def test_auditor_requests_a_pack_of_their_engagement_and_downloads_it(demo_users, login):
    page = login("auditor", "auditor-demo-2026")
    page.set_default_timeout(180_000)  # tests run Celery eagerly: the build happens in the request
    page.get_by_role("button", name="Assurance").click()
    page.locator("#nav").get_by_role("link", name="Audit packs").click()  # the dashboard panel has one too
    page.get_by_role("link", name="Request a pack").click()
    page.get_by_label("Engagement").select_option(index=1)
    page.get_by_role("button", name="Build the pack").click()
    expect(page.get_by_test_id("pack-status")).to_have_text("Ready", timeout=180_000)
    expect(page.get_by_test_id("manifest-sha")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download the PDF")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name="All packs").click()
    expect(page.get_by_role("cell", name="Ada Achterberg")).to_be_visible()
