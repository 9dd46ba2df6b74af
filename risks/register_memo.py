"""What the risk register reads that only a change to the ISMS can change, kept until the audit
trail moves on (isms/trail_memo.py): the current assessment and the heatmap counts; its filter
set keeps the option lists (RiskFilter.kept_choices). Risks, assessments, criteria, threats,
users, assets and acceptances are all registered with the audit log. Without this, they were
five of the register's eleven queries and, for the heatmaps' grouped count, about 1.5 ms of
PostgreSQL time at 2,000 risks.

The heatmap counts are kept only for users who see every risk by role (every role does today):
risks seen through guardian's per-object grants, which the audit trail does not record, are
counted on each request."""

from django.utils import timezone

from isms.access import sees_every_row
from isms.trail_memo import Head, kept
from risks.heatmap import heatmap_counts_and_total
from risks.models import Risk, RiskAssessment


def current_assessment(head: Head | None):
    """RiskAssessment.objects.current() with its criteria (shared between requests: read-only)."""
    return kept(head, "risks.current_assessment",
                lambda: RiskAssessment.objects.select_related("criteria").current())


def register_heatmap_counts(risks, criteria, user, head: Head | None, filters: tuple):
    """heatmap_counts_and_total(risks, criteria), where `risks` are the register's risks of the
    filter's values `filters` (filter_values). The values, not the risks' SQL, are the key:
    compiling that SQL cost a third of what keeping the counts saved. The day is in the key too
    (the overdue filter); only users who see every risk by role share the counts."""
    if not sees_every_row(user, Risk):
        return heatmap_counts_and_total(risks, criteria)
    scales = (criteria.pk, len(criteria.likelihood_labels), len(criteria.impact_labels))
    return kept(head, ("risks.heatmap", filters, timezone.localdate(), scales),
                lambda: heatmap_counts_and_total(risks, criteria))


def filter_values(form) -> tuple:
    """What was asked of a filter form, field by field, as each field's widget reads it: the
    same values give the same filtered risks while the trail's head stays the same."""
    return tuple(
        (name, repr(field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))))
        for name, field in form.fields.items()
    )
