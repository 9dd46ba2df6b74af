import re

from playwright.sync_api import expect

from risks.models import Threat
from tests import factories


def test_officer_creates_a_risk_accepts_it_and_sees_it_in_the_register(demo_users, login, live_server):
    officer = demo_users["officer"]
    factories.AssetFactory(name="triage-model-1b", kind="model", owner=officer, model_version="2.1.0")
    assessment = factories.RiskAssessmentFactory(title="Browser assessment", assessor=officer)
    page = login("officer", "officer-demo-2026")
    page.goto(f"{live_server.url}/risks/add/?assessment={assessment.pk}")
    page.get_by_label("Title").fill("Weights exfiltrated through the CI runner")
    page.get_by_label("Threat").select_option(str(Threat.objects.get(code="slm-model-weight-theft").pk))
    page.get_by_role("searchbox", name="Search assets").fill("triage-model")
    page.get_by_label("Assets", exact=True).select_option(label="triage-model-1b")
    page.get_by_label("Inherent likelihood").select_option("4")
    page.get_by_label("Inherent impact").select_option("5")
    page.get_by_label("Residual likelihood").select_option("3")
    page.get_by_label("Residual impact").select_option("4")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("inherent-level")).to_contain_text("Critical · 20")
    expect(page.get_by_test_id("residual-level")).to_contain_text("High · 12")
    page.get_by_role("link", name="Accept residual risk").click()
    page.get_by_label("Justification").fill("Runner isolation planned next quarter; monitored meanwhile.")
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_test_id("acceptance")).to_contain_text("Accepted")
    page.goto(f"{live_server.url}/risks/?assessment={assessment.pk}")
    row = page.get_by_test_id("risk-register").get_by_role("row", name=re.compile("Weights exfiltrated"))
    expect(row).to_contain_text("Accepted")
    expect(page.locator("svg.risk-heatmap").first).to_be_visible()


def test_officer_filters_the_register_by_an_asset_found_by_search(demo_users, login, live_server):
    officer = demo_users["officer"]
    assessment = factories.RiskAssessmentFactory(title="Search assessment", assessor=officer)
    wanted = factories.AssetFactory(name="zz-vector-store-eu", kind="dataset", owner=officer)
    other = factories.AssetFactory(name="zz-vector-store-us", kind="dataset", owner=officer)
    factories.AssetFactory.create_batch(60, owner=officer)
    factories.risk(officer, assessment=assessment, title="Poisoned EU embeddings", assets=[wanted])
    factories.risk(officer, assessment=assessment, title="Poisoned US embeddings", assets=[other])
    page = login("officer", "officer-demo-2026")
    page.goto(f"{live_server.url}/risks/?assessment={assessment.pk}")
    register = page.get_by_test_id("risk-register")
    expect(register).to_contain_text("Poisoned US embeddings")
    select = page.locator("select#id_asset")
    expect(select.locator("option")).to_have_count(1)  # only the empty choice, not 60+ assets

    filter_requests = []
    page.on("request", lambda r: filter_requests.append(r.url) if "/risks/" in r.url else None)
    search = page.get_by_role("searchbox", name="Search assets")
    search.fill("store-e")
    expect(select.locator("option", has_text="zz-vector-store-eu")).to_have_count(1)
    expect(select.locator("option", has_text="zz-vector-store-us")).to_have_count(0)
    assert "/risks/" in page.url and "choices" not in page.url  # the search pushes no URL
    search.blur()  # its "change" must not re-filter the list (isms.js)
    page.wait_for_timeout(300)
    assert filter_requests == []
    select.select_option(label="zz-vector-store-eu")
    page.get_by_role("button", name="Filter").click()

    expect(register).to_contain_text("Poisoned EU embeddings")
    expect(register).not_to_contain_text("Poisoned US embeddings")
    expect(page).to_have_url(re.compile(rf"asset={wanted.pk}"))
    assert "store-e" not in page.url and "q=" not in page.url
    # Neither FormData (htmx) nor a native submission would carry the search box.
    keys = page.evaluate("() => [...new FormData(document.querySelector('#id_asset').form).keys()]")
    assert "asset" in keys and "q" not in keys
    page.reload()
    expect(page.locator("select#id_asset")).to_have_value(str(wanted.pk))
    expect(page.get_by_test_id("risk-register")).not_to_contain_text("Poisoned US embeddings")
