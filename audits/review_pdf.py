"""A management review as a PDF (WeasyPrint), for the minutes file and the auditor."""

from pathlib import Path

from django.template.loader import render_to_string

from audits.models import ManagementReview

STYLESHEET = Path(__file__).with_name("review_pdf.css")


def review_pdf(review: ManagementReview) -> bytes:
    """A few pages (inputs, decisions, actions, minutes): small enough to render on demand."""
    from weasyprint import CSS, HTML  # imported here: loading pango is slow and only PDFs need it

    html = render_to_string("audits/review_pdf.html", {
        "review": review,
        "attendees": list(review.attendees.all()),
        "actions": list(review.actions.select_related("owner")),
    })
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
