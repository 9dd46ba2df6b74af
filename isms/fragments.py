"""The key under which a page's fragments are kept by Django's {% cache %} tag.

What the large lists show changes only when the ISMS changes, and every change to it writes an
entry in the audit trail in the same transaction (the models are registered with the audit
log). Entries are chained one at a time in commit order (isms/chain_hashing.py holds a lock
until commit), so the head of the chain names one committed state of the data. A fragment is
kept under that head and everything else its content depends on:

- who looks: the user (their role and per-object grants decide the rows) and the version of all
  permissions and grants (isms.permission_cache, changed by isms.auth's signals);
- what they asked for: the full path, with the filters, sort order and page;
- when and where: today's date (overdue and expiry flags) and the active time zone.

A template uses it as {% cache 3600 "risks.rows" fragment_key %}; the context processor
`fragment_context` offers it lazily, so a page without fragments reads nothing."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from isms.models import AuditEntry
from isms.permission_cache import version


def trail_head(request) -> str:
    """`sequence:hash` of the newest audit entry ("-" on an empty trail), once per request."""
    if not hasattr(request, "_isms_trail_head"):
        head = AuditEntry.objects.order_by("-sequence").values_list("sequence", "entry_hash").first()
        request._isms_trail_head = "-" if head is None else f"{head[0]}:{head[1]}"
    return request._isms_trail_head


def fragment_key(request) -> str:
    user = request.user
    return "|".join((
        trail_head(request), version(), str(user.pk), timezone.localdate().isoformat(),
        timezone.get_current_timezone_name(), request.get_full_path(),
    ))


def fragment_context(request) -> dict:
    if not request.user.is_authenticated:
        return {}
    return {"fragment_key": SimpleLazyObject(lambda: fragment_key(request))}
