"""The auditor access log: every request an external auditor makes becomes one AuditorAccess row.

The middleware writes the row after the response (one INSERT). Views that hand out files send
auditlog's `accessed` signal; the receiver below notes the file on the current request so the
row names it and counts as a download."""

from __future__ import annotations

import contextvars

from auditlog.signals import accessed
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.dispatch import receiver

from auditors.models import AuditEngagement, AuditorAccess
from isms.access import role_of
from isms.models import User
from isms.roles import AUDITOR

_current_request: contextvars.ContextVar = contextvars.ContextVar("isms_auditor_request", default=None)
SKIPPED_PREFIXES = ("/" + settings.STATIC_URL.lstrip("/"), "/favicon.ico")


@receiver(accessed)
def _note_accessed_object(sender, instance, **kwargs):
    request = _current_request.get()
    if request is not None:
        request.isms_accessed_object = instance


def _object_of(request, response) -> models.Model | None:
    accessed_object = getattr(request, "isms_accessed_object", None)
    if accessed_object is not None:
        return accessed_object
    context = getattr(response, "context_data", None) or {}
    candidate = context.get("object")
    return candidate if isinstance(candidate, models.Model) else None


def _is_download(response) -> bool:
    return response.get("Content-Disposition", "").startswith("attachment")


def record_auditor_access(*, acting_user: User, request, response) -> list[AuditorAccess]:
    """Record one auditor request in the log of each of their active engagements (an auditor
    on two engagements at once serves both with the same page), in one INSERT; no active
    engagement, nothing."""
    engagement_ids = list(
        AuditEngagement.objects.active().filter(auditors=acting_user).values_list("pk", flat=True)
    )
    if not engagement_ids:
        return []
    match = getattr(request, "resolver_match", None)
    obj = _object_of(request, response)
    facts = {
        "user": acting_user,
        "method": request.method[:10],
        "path": request.get_full_path()[:500],
        "view_name": (match.view_name if match else "")[:200],
        "kind": AuditorAccess.Kind.DOWNLOAD if _is_download(response) else AuditorAccess.Kind.PAGE,
        "status_code": response.status_code,
        "content_type": ContentType.objects.get_for_model(obj) if obj is not None else None,
        "object_id": str(obj.pk) if obj is not None else "",
        "object_repr": str(obj)[:200] if obj is not None else "",
    }
    return AuditorAccess.objects.bulk_create(
        [AuditorAccess(engagement_id=engagement_id, **facts) for engagement_id in engagement_ids]
    )


class AuditorAccessMiddleware:
    """Logs every request of a signed-in auditor (static files excepted)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(SKIPPED_PREFIXES):
            return self.get_response(request)
        user = request.user
        if not (user.is_authenticated and role_of(user) == AUDITOR):
            return self.get_response(request)
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        record_auditor_access(acting_user=user, request=request, response=response)
        return response
