import csv

from django.db.models import Count
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from auditors.filters import AuditorAccessFilter, EngagementFilter
from auditors.forms import EngagementForm, InviteForm
from auditors.models import AuditEngagement, AuditorAccess
from auditors.services import (
    create_engagement,
    end_engagement,
    invite_auditor,
    reset_auditor_mfa,
    update_engagement,
)
from isms.access import can, visible
from isms.generic import (
    IsmsActionView,
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsObjectFormView,
    IsmsUpdateView,
    requires,
)

CSV_COLUMNS = ["at", "auditor", "method", "path", "view", "kind", "status", "object_type", "object_id",
               "object"]


class EngagementListView(IsmsListView):
    model = AuditEngagement
    queryset = AuditEngagement.objects.annotate(auditor_count=Count("auditors")).order_by(
        "-start_date", "name"
    )
    filterset_class = EngagementFilter
    template_name = "auditors/engagement_list.html"
    partial_template_name = "auditors/_engagement_rows.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, may_add=can(self.request.user, "add", AuditEngagement))


class EngagementDetailView(IsmsDetailView):
    model = AuditEngagement
    queryset = AuditEngagement.objects.select_related("ended_by").prefetch_related("auditors")
    template_name = "auditors/engagement_detail.html"
    context_object_name = "engagement"

    def get_context_data(self, **kwargs):
        engagement, user = self.object, self.request.user
        accesses = visible(AuditorAccess.objects.filter(engagement=engagement), user)
        return super().get_context_data(
            **kwargs, may_change=can(user, "change", engagement), invite_form=InviteForm(),
            may_view_log=can(user, "view", AuditorAccess),
            access_counts=dict(accesses.values_list("kind").annotate(n=Count("pk")).order_by()),
        )


class EngagementCreateView(IsmsCreateView):
    model, form_class, service = AuditEngagement, EngagementForm, create_engagement
    template_name = "auditors/engagement_form.html"
    success_message = "Engagement created."

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class EngagementUpdateView(IsmsUpdateView):
    model, form_class, service = AuditEngagement, EngagementForm, update_engagement
    template_name = "auditors/engagement_form.html"
    success_message = "Engagement saved."

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class EngagementInviteView(IsmsObjectFormView):
    model = AuditEngagement
    form_class, service = InviteForm, invite_auditor
    template_name = "auditors/engagement_invite.html"
    success_message = "Invitation sent."

    def service_kwargs(self, form) -> dict:
        return {"base_url": self.request.build_absolute_uri("/"), **form.cleaned_data}


class EngagementEndView(IsmsActionView):
    permission_action, model, service = "change", AuditEngagement, end_engagement
    success_message = "Engagement ended: its auditors can no longer sign in."


class EngagementAuditorMfaResetView(IsmsActionView):
    permission_action, model, service = "change", AuditEngagement, reset_auditor_mfa
    success_message = "Two-factor reset: the auditor sets up a new authenticator at the next log-in."

    def service_kwargs(self) -> dict:
        auditor = get_object_or_404(self.object.auditors.all(), pk=self.kwargs["user_pk"])
        return {"auditor": auditor}


class EngagementAccessListView(IsmsListView):
    permission_model = AuditorAccess
    queryset = AuditorAccess.objects.for_listing()
    filterset_class = AuditorAccessFilter
    template_name = "auditors/engagement_access.html"
    partial_template_name = "auditors/_access_rows.html"

    @cached_property
    def engagement(self) -> AuditEngagement:
        engagements = visible(AuditEngagement.objects.all(), self.request.user)
        return get_object_or_404(engagements, pk=self.kwargs["pk"])

    def get_queryset(self):
        return super().get_queryset().filter(engagement=self.engagement)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, engagement=self.engagement)


class _Echo:
    def write(self, value):
        return value


def _csv_rows(accesses):
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for row in accesses.iterator(chunk_size=2000):
        yield writer.writerow([
            row.at.isoformat(), row.user.get_username(), row.method, row.path, row.view_name, row.kind,
            row.status_code, row.content_type.model if row.content_type else "", row.object_id,
            row.object_repr,
        ])


@requires("view", AuditorAccess)
@require_GET
def engagement_access_export(request, pk):
    """The engagement's access log, with the filters of its page, as CSV (streamed)."""
    engagement = get_object_or_404(visible(AuditEngagement.objects.all(), request.user), pk=pk)
    rows = visible(AuditorAccess.objects.for_listing().filter(engagement=engagement), request.user)
    rows = AuditorAccessFilter(request.GET, queryset=rows).qs
    response = StreamingHttpResponse(_csv_rows(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="auditor-access-{engagement.pk}.csv"'
    return response

