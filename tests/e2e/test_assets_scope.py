import re

from playwright.sync_api import expect

from assets.models import Asset, Scope


def test_officer_drafts_edits_and_approves_scope(demo_users, login, live_server):
    page = login("officer", "officer-demo-2026")
    Scope.objects.drafts().get().delete()  # start from the approved v1 only
    page.goto(f"{live_server.url}/scope/")
    page.get_by_role("button", name="New draft").click()
    expect(page.get_by_role("heading", name="Edit scope draft v2")).to_be_visible()
    page.get_by_label("Statement").fill("The ISMS for all SLMs, including the code-review pilot.")
    page.locator("#id_exclusions-2-what").fill("Legacy FAQ bot")
    page.locator("#id_exclusions-2-justification").fill("Decommissioned in March.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Legacy FAQ bot")).to_be_visible()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_test_id("approved-by")).to_have_text("Olivia Okafor")
    page.get_by_role("link", name="Changes since v1").click()
    expect(page.get_by_text("Added: Legacy FAQ bot")).to_be_visible()
    assert Scope.objects.get(version=2).status == "approved"


def test_engineer_creates_and_edits_own_asset_but_not_anothers(demo_users, login, live_server):
    page = login("engineer", "engineer-demo-2026")
    page.goto(f"{live_server.url}/assets/")
    page.get_by_role("link", name="New asset").click()
    page.get_by_label("Name", exact=True).fill("faq-embedder")
    page.get_by_label("Kind").select_option("model")
    page.get_by_label("Base model").fill("BAAI/bge-small-en-v1.5")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("owner")).to_contain_text("(engineer)")
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Model version").fill("1.1.0")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("1.1.0")).to_be_visible()
    other = Asset.objects.get(name="code-review-3b")  # owned by engineer2
    page.goto(f"{live_server.url}/assets/{other.pk}/")
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    response = page.goto(f"{live_server.url}/assets/{other.pk}/edit/")
    assert response.status == 403


def test_asset_list_filters_in_place(demo_users, login, live_server):
    page = login("auditor", "auditor-demo-2026")
    page.goto(f"{live_server.url}/assets/")
    page.get_by_label("Kind").select_option("dataset")
    expect(page).to_have_url(re.compile(r"kind=dataset"))
    expect(page.locator("#rows tbody tr")).to_have_count(3)
