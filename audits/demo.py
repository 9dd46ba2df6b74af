"""Demo internal audits, nonconformities and a management review. Idempotent: each record is
looked up by its title first. Runs after controls.demo (the SoA owners and assignees decide
who may audit what: engineer2 audits the controls assigned to engineer)."""

from auditlog.context import set_actor
from django.utils import timezone

from audits import services
from audits.models import AuditProgramme, InternalAudit, ManagementReview, Nonconformity
from controls.models import Control
from isms.dates import days_from_today

REPORTED_AUDIT = "Secure development and release of SLMs"
PLANNED_AUDIT = "Privacy of training and evaluation data"
OPEN_NC = "Inference images carry medium CVEs beyond the patch SLA"
REVIEW = "ISMS management review H2"


def seed(users: dict) -> None:
    with set_actor(users["officer"]):
        programme = _programme(users)
        if not InternalAudit.objects.filter(title=REPORTED_AUDIT).exists():
            _reported_audit(users, programme)
        if not InternalAudit.objects.filter(title=PLANNED_AUDIT).exists():
            services.create_internal_audit(
                acting_user=users["officer"], programme=programme, title=PLANNED_AUDIT,
                clauses=["7.5"], controls=list(Control.objects.filter(ref__in=["5.34", "8.11", "8.12"])),
                lead_auditor=users["engineer"], auditee=users["engineer2"],
                planned_start=days_from_today(30), planned_end=days_from_today(31),
            )
        if not Nonconformity.objects.filter(title=OPEN_NC).exists():
            _open_nc(users)
        if not ManagementReview.objects.filter(title=REVIEW).exists():
            _review(users)


def _programme(users) -> AuditProgramme:
    year = timezone.localdate().year
    return AuditProgramme.objects.filter(year=year).first() or services.create_audit_programme(
        acting_user=users["officer"], year=year,
        objectives="Cover every clause 4-10 and the SLM-critical Annex A controls once a year.",
    )


def _reported_audit(users, programme) -> None:
    officer = users["officer"]
    audit = services.create_internal_audit(
        acting_user=officer, programme=programme, title=REPORTED_AUDIT, clauses=["8.1", "9.1"],
        controls=list(Control.objects.filter(ref__in=["8.25", "8.28", "8.29"])),
        lead_auditor=users["engineer2"], auditee=users["engineer"],
        planned_start=days_from_today(-60), planned_end=days_from_today(-59),
        actual_start=days_from_today(-60), actual_end=days_from_today(-59),
    )
    services.start_internal_audit(audit, acting_user=officer)
    findings = {
        "8.29": ("minor_nc", "The red-team suite runs in CI but a failing run does not block release "
                 "(2 of 6 sampled releases shipped with failures).", "CI runs #4411, #4502"),
        "9.1": ("ofi", "Track jailbreak-rate per model version as an ISMS measure.", ""),
    }
    for item in audit.items.select_related("control"):
        key = item.control.ref if item.control_id else item.clause
        result, notes, refs = findings.get(key, ("conforming", "", "Sampled pull requests and CI logs"))
        services.update_checklist_item(acting_user=officer, item=item, result=result, notes=notes,
                                       evidence_refs=refs)
    services.report_internal_audit(
        audit, acting_user=officer,
        summary="Secure development practices are in place; the release gate for safety tests "
                "is not enforced.",
        conclusion="Conforming with one minor nonconformity (8.29) and one opportunity for improvement.",
    )
    item = audit.items.get(control__ref="8.29")
    nc = services.raise_nonconformity(
        acting_user=officer, checklist_item=item, title="Safety test failures do not block release",
        raised_on=days_from_today(-58),
        description=item.notes, root_cause="The CI job was set to allow failure during the pilot.",
        correction="The two affected releases were re-tested and passed.",
    )
    action = services.create_corrective_action(
        acting_user=officer, nonconformity=nc, description="Make the red-team job a required check.",
        owner=users["engineer"], due_date=days_from_today(-40),
    )
    services.update_corrective_action(acting_user=users["engineer"], action=action, status="done")
    services.record_effectiveness_check(
        acting_user=officer, nonconformity=nc, effective=True,
        notes="20 releases since: every one blocked until the red-team suite passed.",
    )
    services.close_nonconformity(nc, acting_user=officer)


def _open_nc(users) -> None:
    nc = services.raise_nonconformity(
        acting_user=users["officer"], title=OPEN_NC, source=Nonconformity.Source.CONNECTOR_CHECK,
        severity=Nonconformity.Severity.MINOR,
        raised_on=days_from_today(-30),
        description="The weekly image scan connector failed its policy: 7 medium CVEs older than 30 days.",
        root_cause="Base image updates wait for the monthly GPU driver release.",
    )
    services.create_corrective_action(
        acting_user=users["officer"], nonconformity=nc, owner=users["engineer"],
        description="Rebuild inference images weekly from the patched base image.",
        due_date=days_from_today(-10), status="in_progress",
    )


def _review(users) -> None:
    officer = users["officer"]
    review = services.create_review(
        acting_user=officer, title=REVIEW, date=days_from_today(-20),
        attendees=[officer, users["engineer"], users["engineer2"]],
        external_attendees="Dr. Mara Keller, CEO\nJonas Brandt, external DPO",
        interested_party_feedback="Two enterprise customers asked for our model evaluation reports.\n"
                                  "The DPO asked for a retention review of prompt logs.",
    )
    services.prepare_review_inputs(review, acting_user=officer)
    services.update_review(
        acting_user=officer, review=review,
        decisions="Publish a customer-facing model evaluation summary. Keep prompt logs 90 days.",
        minutes="The officer presented the inputs. The release-gate nonconformity is closed; the "
                "image-patching nonconformity is open and its action overdue.",
    )
    services.hold_review(review, acting_user=officer)
    services.create_review_action(
        acting_user=officer, review=review, owner=users["engineer2"],
        description="Publish the model evaluation summary for customers.", due_date=days_from_today(40),
    )
