from playwright.sync_api import expect


def test_officer_filters_training_matrix_by_team_and_sees_a_missing_cell(demo_users, login, live_server):
    page = login("officer", "officer-demo-2026")
    page.goto(f"{live_server.url}/training/")
    expect(page.get_by_role("heading", name="Training matrix")).to_be_visible()
    page.get_by_label("Team").select_option("Data")
    page.get_by_role("button", name="Filter").click()
    aisha = page.get_by_role("row", name="Aisha Khan")
    expect(aisha.locator("td[data-state=missing]")).to_have_count(1)
    expect(page.get_by_role("row", name="Jonas Berg")).to_have_count(0)
