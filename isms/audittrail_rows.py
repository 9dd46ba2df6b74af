"""The audit trail's table rows as plain values (issue #11): one query for any page size.
Record types come from ContentType's own per-process cache."""

import contextlib
import json
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from isms.jinja import truncatechars
from isms.models import AuditEntry
from isms.models.users import user_label

COLUMNS = (
    "pk", "timestamp", "action", "content_type_id", "object_pk", "object_repr", "changes", "changes_text",
    "actor__username", "actor__first_name", "actor__last_name",
)
ACTIONS = dict(AuditEntry._meta.get_field("action").flatchoices)


def _changes(row: dict) -> dict:
    """LogEntry.changes_dict: the JSON changes, else the older text form."""
    if row["changes"]:
        return row["changes"]
    with contextlib.suppress(ValueError):
        return json.loads(row["changes_text"] or "{}")
    return {}


def _shown(changes: dict) -> list[tuple]:
    """Each change as the partial shows it: ("m2m", field, operation, objects) or ("value",
    field, before, after), values cut to 60 characters. Cut here, not by a filter in the
    partial: a filter call per value cost more than the rest of the row."""
    shown = []
    for field, change in changes.items():
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = ", ".join(map(str, change.get("objects", ())))
            shown.append(("m2m", field, change.get("operation", ""), objects))
        else:
            before, after = change if isinstance(change, list | tuple) and len(change) == 2 else (None, None)
            shown.append(("value", field, truncatechars(before or "—", 60), truncatechars(after or "—", 60)))
    return shown


def audittrail_rows(entries) -> list[SimpleNamespace]:
    # Labels are translated once per page, not once per row: auditlog's action labels are lazy
    # and a record type's name is its model's translated verbose name.
    actions = {action: str(label) for action, label in ACTIONS.items()}
    record_types: dict[int, str] = {}
    zone = timezone.get_current_timezone()  # once: each read is of a context-local variable
    rows = []
    for row in entries.values(*COLUMNS):
        type_id = row["content_type_id"]
        if type_id not in record_types:
            record_types[type_id] = ContentType.objects.get_for_id(type_id).name
        actor = user_label(row["actor__first_name"], row["actor__last_name"], row["actor__username"])
        rows.append(SimpleNamespace(
            pk=row["pk"], timestamp=row["timestamp"], action=row["action"],
            when=timezone.localtime(row["timestamp"], zone).strftime("%Y-%m-%d %H:%M:%S"),
            action_label=actions.get(row["action"], row["action"]), record_type=record_types[type_id],
            object_pk=row["object_pk"], object_repr=row["object_repr"],
            object_repr_short=truncatechars(row["object_repr"], 80), changes=_shown(_changes(row)),
            actor=actor or "system",
        ))
    return rows
