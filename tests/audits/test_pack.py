"""Audit-pack sections (the pack contract): plain data, fragments that render."""

from django.template.loader import render_to_string

from audits import services
from audits.pack import pack_sections
from tests.audits import make


def _render(section) -> str:
    return render_to_string(section["template"], section["context"])


def test_pack_sections_render_audits_ncs_and_reviews(officer, engineer, django_assert_max_num_queries):
    audit, item = make.audit_with_finding(officer, result="minor_nc")
    for other in audit.items.exclude(pk=item.pk):
        services.update_checklist_item(acting_user=officer, item=other, result="conforming")
    services.report_internal_audit(audit, acting_user=officer, summary="Release process audited.",
                          conclusion="One minor nonconformity.")
    nc = make.nonconformity(officer, checklist_item=item, source="internal_audit",
                            title="Unreviewed releases")
    make.corrective_action(officer, nc, owner=engineer, description="Protect the release branch")
    review = make.review(officer, title="Spring review", external_attendees="Dr. Keller")
    services.prepare_review_inputs(review, acting_user=officer)
    with django_assert_max_num_queries(12):
        sections = pack_sections(make.today())
    assert [s["key"] for s in sections] == ["internal-audits", "nonconformities", "management-reviews"]
    audits_html, ncs_html, reviews_html = (_render(s) for s in sections)
    assert "Secure development audit" in audits_html and "One minor nonconformity." in audits_html
    assert nc.reference in audits_html and 'class="pack"' in audits_html
    assert "Unreviewed releases" in ncs_html and "Protect the release branch" in ncs_html
    assert "Spring review" in reviews_html and "9.3.2 d) 1)" in reviews_html
    for html in (audits_html, ncs_html, reviews_html):
        assert html.strip().startswith("<section>") and "<script" not in html and "style=" not in html


def test_pack_sections_say_when_there_is_nothing(db):
    for section in pack_sections(make.today()):
        assert "No " in _render(section)


def test_pack_sections_leave_out_records_after_the_as_of_date(officer):
    make.review(officer, date=make.today(30), title="Future review")
    html = _render(pack_sections(make.today())[2])
    assert "Future review" not in html
