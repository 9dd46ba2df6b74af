"""Audit-pack sections: internal audits, nonconformities and corrective actions, management
reviews (the pack contract: plain data, queries done here, a constant number of them)."""

import datetime

from django.db.models import Count, Prefetch, Q

from audits.models import (
    ChecklistItem,
    CorrectiveAction,
    EffectivenessCheck,
    InternalAudit,
    ManagementReview,
    Nonconformity,
    ReviewAction,
)


def _audits(as_of: datetime.date) -> list[InternalAudit]:
    results = {key: Count("items", filter=Q(items__result=key), distinct=True)
               for key in ChecklistItem.Result.values}
    findings = ChecklistItem.objects.exclude(result__in=["", ChecklistItem.Result.CONFORMING]).select_related(
        "control", "nonconformity")
    return list(
        InternalAudit.objects.filter(planned_start__lte=as_of)
        .select_related("programme", "lead_auditor", "auditee")
        .prefetch_related("controls", Prefetch("items", queryset=findings, to_attr="findings"))
        .annotate(**results).order_by("programme__year", "planned_start", "pk")
    )


def _nonconformities(as_of: datetime.date) -> list[Nonconformity]:
    return list(
        Nonconformity.objects.filter(raised_on__lte=as_of)
        .select_related("checklist_item__audit", "checklist_item__control", "closed_by")
        .prefetch_related(
            Prefetch("actions", queryset=CorrectiveAction.objects.select_related("owner")),
            Prefetch("checks", queryset=EffectivenessCheck.objects.select_related("checked_by")),
        ).order_by("raised_on", "pk")
    )


def _reviews(as_of: datetime.date) -> list[ManagementReview]:
    return list(
        ManagementReview.objects.filter(date__lte=as_of).select_related("approved_by")
        .prefetch_related(
            "attendees", Prefetch("actions", queryset=ReviewAction.objects.select_related("owner"))
        )
        .order_by("date", "pk")
    )


def pack_sections(as_of: datetime.date) -> list[dict]:
    results = [{"key": key, "label": label} for key, label in ChecklistItem.Result.choices]
    return [
        {"key": "internal-audits", "title": "Internal audits (clause 9.2)",
         "template": "audits/pack/internal_audits.html",
         "context": {"audits": _audits(as_of), "results": results, "as_of": as_of}},
        {"key": "nonconformities", "title": "Nonconformities and corrective actions (clause 10.2)",
         "template": "audits/pack/nonconformities.html",
         "context": {"nonconformities": _nonconformities(as_of), "as_of": as_of}},
        {"key": "management-reviews", "title": "Management reviews (clause 9.3)",
         "template": "audits/pack/management_reviews.html",
         "context": {"reviews": _reviews(as_of), "as_of": as_of}},
    ]
