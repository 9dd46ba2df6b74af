"""A management review as a PDF (WeasyPrint), for the minutes file and the auditor."""

from django.template.loader import render_to_string

from audits.models import ManagementReview


def review_pdf(review: ManagementReview) -> bytes:
    """A few pages (inputs, decisions, actions, minutes): small enough to render on demand."""
    from weasyprint import HTML  # imported here: loading pango is slow and only PDFs need it

    html = render_to_string("audits/review_pdf.html", {
        "review": review,
        "attendees": list(review.attendees.all()),
        "actions": list(review.actions.select_related("owner")),
    })
    return HTML(string=html).write_pdf()
