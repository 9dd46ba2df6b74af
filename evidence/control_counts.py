"""How many valid evidence items each control has, for the SoA table (issue #11).

Counting them is one grouped query over every link of every item: about 3 ms of PostgreSQL
time at 5,000 items, the SoA page's largest query, and it grows with the evidence base. The
counts are kept until the audit trail moves on (isms/trail_memo.py): every change that can
alter a count (an item created or deleted, reviewed, its validity or its control links
changed) writes an audit entry, Evidence being registered with the audit log, links included.
With the day (validity ends at a date) the head of the trail is the key."""

import datetime
from types import MappingProxyType

from django.utils import timezone

from evidence.models import Evidence
from isms.trail_memo import Head, kept, trail_head


def valid_evidence_by_control(today: datetime.date | None = None,
                              head: Head | None = None) -> MappingProxyType:
    """{control pk: count of valid evidence items linked to it} (read-only); `head` is the
    trail's head if the caller has read it."""
    today = today or timezone.localdate()
    return kept(head or trail_head(), ("evidence.valid_by_control", today),
                lambda: MappingProxyType(Evidence.objects.valid(today).count_by_control()))
