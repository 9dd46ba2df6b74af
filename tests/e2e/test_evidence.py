import hashlib

from playwright.sync_api import expect

PDF = b"%PDF-1.4\n% access review\n1 0 obj\n<<>>\nendobj\n"


def test_officer_uploads_evidence_and_sees_its_hash(demo_users, login, live_server):
    page = login("officer", "officer-demo-2026")
    page.get_by_role("link", name="Evidence").click()
    page.get_by_role("link", name="Add evidence").click()
    page.get_by_label("Title").fill("Quarterly access review")
    page.get_by_label("Controls").select_option(label="5.18 Access rights")
    page.get_by_label("Effective date").fill("2026-11-01")
    page.get_by_label("Valid until").fill("2027-02-01")
    page.get_by_label("Files").set_input_files(
        [{"name": "access-review.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Save evidence").click()
    expect(page.get_by_role("heading", name="Quarterly access review")).to_be_visible()
    expect(page.get_by_text(hashlib.sha256(PDF).hexdigest())).to_be_visible()
    expect(page.get_by_text("application/pdf")).to_be_visible()


def test_auditor_sees_evidence_without_upload_forms(demo_users, login):
    page = login("auditor", "auditor-demo-2026")
    page.get_by_role("link", name="Evidence").click()
    expect(page.get_by_role("heading", name="Evidence")).to_be_visible()
    expect(page.get_by_role("button", name="Add version")).to_have_count(0)
