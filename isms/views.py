from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from isms.access import role_of
from isms.audit_chain import audit_chain_verify
from isms.dashboard import all_panels
from isms.filters import AuditEntryFilter
from isms.forms import LoginForm
from isms.generic import HtmxPartialMixin, IsmsListView, IsmsTemplateView
from isms.models import AuditEntry


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class DashboardView(IsmsTemplateView):
    template_name = "isms/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(**kwargs, panels=all_panels(user), role=role_of(user))


class AuditTrailListView(IsmsListView):
    model = AuditEntry
    queryset = AuditEntry.objects.for_listing()
    filterset_class = AuditEntryFilter
    template_name = "isms/audittrail_list.html"
    partial_template_name = "isms/_audittrail_rows.html"


class AuditTrailVerifyView(HtmxPartialMixin, IsmsTemplateView):
    """Recomputes the hash chain and shows the first broken link and the head (reads only)."""

    permission_model = AuditEntry
    template_name = "isms/audittrail_verify.html"
    partial_template_name = "isms/_audittrail_verify.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, result=audit_chain_verify())


@require_GET
def healthz(request):
    """Liveness probe for load balancers; public and says nothing about the ISMS."""
    return JsonResponse({"status": "ok"})


healthz.public = True
