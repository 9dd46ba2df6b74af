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
    page.get_by_label("Assets").select_option(label="triage-model-1b")
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
