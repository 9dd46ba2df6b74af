"""How many valid evidence items each control has, for the SoA table (issue #11).

Counting them is one grouped query over every link of every item: about 3 ms of PostgreSQL
time at 5,000 items, the SoA page's largest query, and it grows with the evidence base. The
counts are kept per process and read again only when something may have changed them:

- every change that can alter a count (an item created or deleted, reviewed, its validity or
  its control links changed) writes an audit entry in the same transaction (Evidence is
  registered with the audit log, links included), and
- entries are chained one at a time, in commit order (isms/audit_chain.py holds a lock until
  commit), so the head of the chain, its sequence and hash, names one committed state of the
  evidence. With the day (validity ends at a date) it is the key.

The head is read before the counts: a change committed between the two is then at most counted
early, under the older key, and the next request sees the newer head and counts again."""

import datetime
from functools import lru_cache
from types import MappingProxyType

from django.utils import timezone

from evidence.models import Evidence
from isms.models import AuditEntry


def valid_evidence_by_control(today: datetime.date | None = None) -> MappingProxyType:
    """{control pk: count of valid evidence items linked to it} (read-only)."""
    today = today or timezone.localdate()
    head = AuditEntry.objects.order_by("-sequence").values_list("sequence", "entry_hash").first()
    if head is None:  # no trail yet (a fresh database): nothing to key on
        return MappingProxyType(Evidence.objects.valid(today).count_by_control())
    return _counts(*head, today)


@lru_cache(maxsize=8)
def _counts(sequence: int, entry_hash: str, today: datetime.date) -> MappingProxyType:
    return MappingProxyType(Evidence.objects.valid(today).count_by_control())
