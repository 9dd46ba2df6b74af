from playwright.sync_api import expect

from controls.models import SoAEntry


def test_officer_edits_an_soa_row_inline(demo_users, login, live_server):
    page = login("officer", "officer-demo-2026")
    page.goto(f"{live_server.url}/controls/soa/")
    row = page.get_by_test_id("soa-row-5.7")
    row.get_by_role("link", name="Edit 5.7").click()
    form = page.get_by_role("form", name="Edit 5.7")
    expect(form).to_be_visible()

    form.get_by_label("Justification").fill("")
    form.get_by_role("button", name="Save").click()
    expect(form.get_by_role("alert")).to_contain_text("Give a justification for including this control.")

    form.get_by_label("Justification").fill("Prompt-injection techniques change every month.")
    form.get_by_label("Implementation status").select_option("implemented")
    form.get_by_role("button", name="Save").click()
    row = page.get_by_test_id("soa-row-5.7")
    expect(row).to_contain_text("Prompt-injection techniques change every month.")
    expect(row.get_by_text("Implemented", exact=True)).to_be_visible()
    expect(page.get_by_role("form", name="Edit 5.7")).to_have_count(0)
    entry = SoAEntry.objects.get(control__ref="5.7")
    assert entry.implementation_status == "implemented"
