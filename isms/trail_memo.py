"""Values kept per process until the audit trail moves on (issue #11).

Some of what the list pages show changes only when someone changes the ISMS: the SoA's
valid-evidence counts, the risk register's heatmaps and filter options. Reading them again on
every request costs queries; keeping them for a fixed time would show stale data. They are kept
exactly as long as nothing was changed, because

- every change to a model of the ISMS writes an audit entry in the same transaction (the models
  are registered with the audit log, their many-to-many links included), and
- entries are chained one at a time, in commit order (isms/chain_hashing.py holds a lock until
  commit), so the head of the chain, its sequence and hash, names one committed state of the
  data.

The head is read before the values: a change committed between the two is then at most seen
early, under the older head, and the next request sees the newer head and reads again.

What is kept must depend only on audited data (and on what its key says: the day, the filters).
Guardian's object grants are not audited, so a value read through them (rows a user sees by
per-object grants rather than by role) must not be kept; `isms.access.sees_every_row` tells
when nothing is.
"""

from collections.abc import Callable, Hashable
from functools import cache

from django.db import connection

from isms.models import AuditEntry
from isms.widgets import model_choices

Head = tuple[int, str]
MAX_VALUES = 256  # per head: each distinct filter of the register is one value

_values: dict[tuple[Head, Hashable], object] = {}
_head: Head | None = None


def trail_head(request=None) -> Head | None:
    """(sequence, entry_hash) of the newest audit entry, None on an empty trail; read once per
    request when one is given."""
    if request is not None and hasattr(request, "_isms_trail_head"):
        return request._isms_trail_head
    with connection.cursor() as cursor:  # plain SQL: the ORM took three times as long to build it
        cursor.execute(_head_sql())
        row = cursor.fetchone()
    head = None if row is None else (row[0], row[1])
    if request is not None:
        request._isms_trail_head = head
    return head


@cache
def _head_sql() -> str:
    """The ORM's SQL for the head, built once: it has no parameters."""
    newest = AuditEntry.objects.order_by("-sequence").values_list("sequence", "entry_hash")[:1]
    sql, params = newest.query.sql_with_params()
    if params:
        raise ValueError(f"the head's query has parameters: {params}")
    return sql


def kept(head: Head | None, key: Hashable, compute: Callable[[], object]):
    """compute(), read once for this head of the trail and `key`; every time without a trail
    (a fresh database has nothing to key on). Values are shared between requests: read-only."""
    global _values, _head
    if head is None:
        return compute()
    try:
        return _values[(head, key)]
    except KeyError:
        pass
    if head != _head or len(_values) >= MAX_VALUES:  # an older head's values are of no more use
        _values, _head = {}, head
    value = _values[(head, key)] = compute()  # keyed with its head: safe if threads interleave
    return value


def keep_choices(form, names: tuple[str, ...], head: Head | None) -> None:
    """The option lists of a filter form's model choices, read once per head of the trail. Only
    what is shown is kept: a submitted value is still checked against the field's queryset."""
    for name in names:
        field = form.fields[name]
        options = kept(head, (type(form), name), lambda field=field: tuple(model_choices(field)))
        field.widget.choices = options


def forget() -> None:
    """Drop every kept value (tests: each starts from an empty process memory)."""
    global _values, _head
    _values, _head = {}, None
