from auditlog.signals import accessed
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET
from django.views.generic import FormView

from isms.generic import (
    HtmxPartialMixin,
    IsmsDetailView,
    IsmsListView,
    PermissionMixin,
    ServiceFormMixin,
    requires,
)
from packs import services
from packs.filters import AuditPackFilter
from packs.forms import PackRequestForm
from packs.models import AuditPack


class PackListView(IsmsListView):
    model = AuditPack
    queryset = AuditPack.objects.for_listing()
    filterset_class = AuditPackFilter
    template_name = "packs/pack_list.html"
    partial_template_name = "packs/_pack_rows.html"


class PackDetailView(HtmxPartialMixin, IsmsDetailView):
    model = AuditPack
    queryset = AuditPack.objects.for_listing()
    template_name = "packs/pack_detail.html"
    partial_template_name = "packs/_pack_progress.html"
    context_object_name = "pack"

    def has_permission(self) -> bool:
        # No per-object grants on packs: the model permission decides (engineers get 403).
        return self.request.user.is_authenticated and PermissionMixin.has_permission(self)


class PackRequestView(PermissionMixin, ServiceFormMixin, FormView):
    # Auditors may request a pack of their own engagement (the service decides who may).
    model = AuditPack
    permission_action = "view"
    form_class = PackRequestForm
    template_name = "packs/pack_form.html"
    service = services.request_audit_pack
    success_message = "Pack requested: it is being built."

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def get_success_url(self):
        return self.object.get_absolute_url()


@requires("view", AuditPack)
@require_GET
def pack_download(request, pk, kind):
    """Streams the PDF or the ZIP of a ready pack; every download is recorded in the audit trail."""
    pack = get_object_or_404(AuditPack.objects.visible_to(request.user), pk=pk, status=AuditPack.Status.READY)
    stored = pack.pdf if kind == "pdf" else pack.zip
    try:
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The stored pack file is missing; tell the compliance officer.") from missing
    accessed.send(sender=AuditPack, instance=pack)
    filename = f"audit-pack-{pack.pk}-{pack.as_of:%Y-%m-%d}.{kind}"
    content_type = "application/pdf" if kind == "pdf" else "application/zip"
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
