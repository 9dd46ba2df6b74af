from playwright.sync_api import expect


def test_officer_runs_a_connector_now_and_watches_it_finish(demo_users, login):
    page = login("officer", "officer-demo-2026")
    page.get_by_role("button", name="Operations").click()
    page.get_by_role("link", name="Connectors", exact=True).click()
    expect(page.locator("tr.table-danger", has_text="Identity provider users")).to_be_visible()
    page.get_by_role("link", name="ISMS access review").click()
    page.get_by_test_id("run-now").click()
    status = page.get_by_test_id("run-status")
    expect(status).to_be_visible()
    expect(status).to_have_attribute("data-status", "succeeded", timeout=15_000)
    expect(status.get_by_text("policy passed")).to_be_visible()
    page.get_by_role("link", name="Refresh the history").click()
    expect(page.get_by_test_id("run-history").locator("tbody tr")).to_have_count(3)


def test_failing_connector_stands_out_on_the_dashboard(demo_users, login):
    page = login("officer", "officer-demo-2026")
    panel = page.get_by_test_id("connector-panel")
    expect(panel).to_have_class("card h-100 border-danger")
    expect(panel.get_by_text("Identity provider users")).to_be_visible()
