"""What the evidence app adds to other apps' pages (isms.related): the evidence of an asset
and of a control, and each control's number of evidence items (controls.counts)."""

from django.db.models import Count
from django.utils import timezone

from controls.counts import EVIDENCE, VALID_EVIDENCE, register_control_count
from evidence.models import Evidence
from isms.access import can, visible
from isms.related import RelatedSection, register_section


def linked_evidence(obj, user) -> dict | None:
    if not can(user, "view", Evidence):
        return None
    return {"evidence": list(visible(obj.evidence.order_by("-effective_date"), user))}


def register() -> None:
    register_section("assets.asset", RelatedSection(
        "evidence/_asset_evidence.html", linked_evidence, position=30, css_class="col-lg-6"))
    register_section("controls.control", RelatedSection(
        "evidence/_control_evidence.html", linked_evidence, position=30))
    register_control_count(EVIDENCE, evidence_counts)
    register_control_count(VALID_EVIDENCE, valid_evidence_counts)


def evidence_counts(control_ids: list[int]) -> dict[int, int]:
    """{control id: number of evidence items}."""
    links = Evidence.controls.through.objects.filter(control_id__in=control_ids)
    return dict(links.values("control_id").annotate(n=Count("evidence_id")).values_list("control_id", "n"))


def valid_evidence_counts(control_ids: list[int]) -> dict[int, int]:
    """{control id: number of evidence items valid today (neither rejected nor expired)}."""
    valid = Evidence.objects.valid(timezone.localdate()).values("pk")
    links = Evidence.controls.through.objects.filter(control_id__in=control_ids, evidence__in=valid)
    return dict(links.values("control_id").annotate(n=Count("pk")).values_list("control_id", "n"))
