import datetime

from auditlog.signals import accessed
from django.db.models import OuterRef, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView, ListView

from assets.models import Asset
from controls.models import Control, SoAEntry
from evidence import services
from evidence.filters import EvidenceFilter
from evidence.forms import EvidenceForm, ReviewForm, TokenForm, VersionForm
from evidence.models import ApiToken, Evidence, EvidenceFile, EvidenceVersion
from isms.access import visible
from isms.counting import SubqueryCount
from isms.generic import (
    IsmsDetailView,
    IsmsListView,
    IsmsObjectFormView,
    PermissionMixin,
    ServiceFormMixin,
    requires,
)
from risks.models import Risk


class EvidenceListView(IsmsListView):
    model = Evidence
    queryset = Evidence.objects.annotate(
        version_count=SubqueryCount(EvidenceVersion.objects.filter(evidence=OuterRef("pk")))
    ).prefetch_related(
        Prefetch("controls", queryset=Control.objects.only("ref").order_by("framework__code", "position")),
        Prefetch("assets", queryset=Asset.objects.only("name")),
    ).order_by("-created_at", "-pk")
    filterset_class = EvidenceFilter
    template_name = "evidence/evidence_list.html"
    partial_template_name = "evidence/_evidence_rows.html"


class EvidenceDetailView(IsmsDetailView):
    model = Evidence
    queryset = Evidence.objects.prefetch_related(
        "controls",
        "assets",
        "risks",
        Prefetch(
            "versions",
            queryset=EvidenceVersion.objects.select_related("created_by").prefetch_related("files"),
        ),
    ).select_related("created_by", "reviewed_by")
    template_name = "evidence/evidence_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, version_form=VersionForm(), review_form=ReviewForm())


class EvidenceCreateView(PermissionMixin, ServiceFormMixin, FormView):
    model = Evidence
    permission_action = "add"
    form_class = EvidenceForm
    template_name = "evidence/evidence_form.html"
    service = services.create_evidence
    success_message = "Evidence saved."

    def get_form_kwargs(self):
        user = self.request.user
        assigned = visible(SoAEntry.objects.all(), user, "attach_evidence")
        return super().get_form_kwargs() | {
            "controls": Control.objects.filter(soa_entry__in=assigned).order_by("position"),
            "assets": visible(Asset.objects.all(), user, "change"),
            "risks": visible(Risk.objects.select_related("assessment"), user),
        }

    def service_kwargs(self, form) -> dict:
        data = dict(form.cleaned_data)
        return data | {key: list(data[key]) for key in ("controls", "assets", "risks")}

    def get_success_url(self):
        return self.object.get_absolute_url()


class EvidenceObjectFormView(IsmsObjectFormView):
    """A form posted from the evidence page (new version, review): a refused form shows the
    page again with its errors."""

    model = Evidence
    http_method_names = ["post"]
    template_name = "evidence/evidence_detail.html"

    def form_invalid(self, form):
        view = EvidenceDetailView(request=self.request, kwargs=self.kwargs)
        view.object = view.get_object()
        context = view.get_context_data(object=view.object)
        context[self.context_form_name] = form
        return render(self.request, self.template_name, context, status=400)


class EvidenceVersionAddView(EvidenceObjectFormView):
    permission_action = "add"  # and the service: only the creator or an officer
    form_class = VersionForm
    context_form_name = "version_form"
    service = services.add_evidence_version
    success_message = "New version added; the earlier ones stay available."


class EvidenceReviewView(EvidenceObjectFormView):
    form_class = ReviewForm
    context_form_name = "review_form"
    service = services.review_evidence
    success_message = "Review recorded."


@requires("view", EvidenceFile)
@require_GET
def file_download(request, pk):
    """Streams one stored file; every download is recorded in the audit trail."""
    visible_evidence = visible(Evidence.objects.all(), request.user)
    item = get_object_or_404(
        EvidenceFile.objects.select_related("version"), pk=pk, version__evidence__in=visible_evidence
    )
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The stored file is missing; tell the compliance officer.") from missing
    accessed.send(sender=EvidenceFile, instance=item)
    return FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


class TokenListView(PermissionMixin, ListView):
    """The signed-in user's own API tokens."""

    permission_action = "add"  # having tokens at all means being allowed to write
    template_name = "evidence/token_list.html"

    def get_queryset(self):
        return ApiToken.objects.filter(user=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, form=TokenForm())


class TokenCreateView(PermissionMixin, FormView):
    permission_action = "add"
    http_method_names = ["post"]
    form_class = TokenForm
    template_name = "evidence/token_list.html"

    def form_valid(self, form):
        expires = form.cleaned_data["expires_at"]
        # A token dated to expire on a day works until the end of that day.
        expires_at = (
            timezone.make_aware(datetime.datetime.combine(expires, datetime.time.max)) if expires else None
        )
        token, key = services.create_api_token(
            acting_user=self.request.user, name=form.cleaned_data["name"], expires_at=expires_at
        )
        context = {
            "object_list": ApiToken.objects.filter(user=self.request.user),
            "form": TokenForm(),
            "new_key": key,
            "new_token": token,
        }
        return render(self.request, self.template_name, context)

    def form_invalid(self, form):
        return render(
            self.request,
            self.template_name,
            {"object_list": ApiToken.objects.filter(user=self.request.user), "form": form},
            status=400,
        )


@requires("add")
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(acting_user=request.user, token=token)
    return redirect(reverse("evidence:token-list"))
