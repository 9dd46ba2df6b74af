from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
from django.utils import timezone

from audits import services
from audits.filters import AuditFilter, ProgrammeFilter
from audits.forms import AuditForm, AuditReportForm, ChecklistItemForm, ProgrammeForm
from audits.models import AuditProgramme, ChecklistItem, InternalAudit
from isms.access import can
from isms.generic import (
    IsmsActionView,
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsUpdateView,
)


def _can_record(user, items) -> bool:
    """Officers and the lead auditor (guardian grant on the items) record checklist results."""
    return can(user, "change", ChecklistItem) or bool(items) and can(user, "change", items[0])


class ProgrammeListView(IsmsListView):
    model = AuditProgramme
    queryset = AuditProgramme.objects.annotate(
        audit_count=Count("audits"),
        reported_count=Count("audits", filter=Q(audits__status=InternalAudit.Status.REPORTED)),
    ).order_by("-year")
    filterset_class = ProgrammeFilter
    template_name = "audits/programme_list.html"


class ProgrammeDetailView(IsmsDetailView):
    model = AuditProgramme
    queryset = AuditProgramme.objects.select_related("created_by").prefetch_related(
        Prefetch("audits", queryset=InternalAudit.objects.for_listing().order_by("planned_start", "pk"))
    )
    template_name = "audits/programme_detail.html"


class ProgrammeCreateView(IsmsCreateView):
    model = AuditProgramme
    form_class = ProgrammeForm
    template_name = "audits/form.html"
    service = services.create_audit_programme
    success_message = "Audit programme created."


class ProgrammeUpdateView(IsmsUpdateView):
    model = AuditProgramme
    form_class = ProgrammeForm
    template_name = "audits/form.html"
    service = services.update_audit_programme
    success_message = "Audit programme saved."


class AuditListView(IsmsListView):
    model = InternalAudit
    queryset = InternalAudit.objects.for_listing().annotate(
        item_count=Count("items", distinct=True),
        finding_count=Count("items", filter=Q(items__result__in=ChecklistItem.NC_RESULTS), distinct=True),
    ).order_by("-planned_start", "-pk")
    filterset_class = AuditFilter
    template_name = "audits/audit_list.html"
    partial_template_name = "audits/_audit_rows.html"


class AuditDetailView(IsmsDetailView):
    model = InternalAudit
    queryset = InternalAudit.objects.for_listing().select_related("reported_by")
    context_object_name = "audit"
    template_name = "audits/audit_detail.html"

    def get_context_data(self, **kwargs):
        items = list(self.object.items.select_related("control", "nonconformity"))
        can_record = _can_record(self.request.user, items)
        return super().get_context_data(**kwargs, items=items, can_record=can_record)


class AuditCreateView(IsmsCreateView):
    model = InternalAudit
    form_class = AuditForm
    template_name = "audits/form.html"
    service = services.create_internal_audit
    success_message = "Audit planned; its checklist lists the clauses and controls in scope."

    def get_initial(self):
        programme = self.request.GET.get("programme") or getattr(
            AuditProgramme.objects.filter(year=timezone.localdate().year).first(), "pk", None)
        return {"programme": programme} if programme else {}


class AuditUpdateView(IsmsUpdateView):
    model = InternalAudit
    form_class = AuditForm
    template_name = "audits/form.html"
    service = services.update_internal_audit
    success_message = "Audit saved."


class AuditStartView(IsmsActionView):
    model = InternalAudit
    permission_action = "change"
    service = services.start_internal_audit
    success_message = "Audit started."


class AuditReportView(IsmsUpdateView):
    """Issue the report: summary and conclusion; the audit is frozen afterwards."""

    model = InternalAudit
    form_class = AuditReportForm
    template_name = "audits/audit_report.html"
    success_message = "Report issued; the audit is now frozen."

    def perform(self, form):
        return services.report_internal_audit(self.object, acting_user=self.request.user, **form.cleaned_data)


class ChecklistItemUpdateView(IsmsUpdateView):
    """Inline (htmx) edit of one checklist row; without htmx, a plain form page."""

    model = ChecklistItem
    queryset = ChecklistItem.objects.select_related("audit", "control")
    form_class = ChecklistItemForm
    template_name = "audits/item_form.html"
    partial_template_name = "audits/_item_form.html"
    service = services.update_checklist_item
    success_message = ""

    def form_valid(self, form):
        response = super().form_valid(form)
        if getattr(self.request, "htmx", False) and response.status_code == 302:
            context = {"item": self.object, "audit": self.object.audit, "can_record": True}
            return render(self.request, "audits/_item.html", context)
        return response
