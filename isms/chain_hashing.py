"""The audit trail's hash chain, as entries are written: each entry stores its position
(`sequence`), the hash of the entry before it (`prev_hash`) and its own hash (`entry_hash`), a
SHA-256 over a canonical serialisation of every stored column. Rewriting history (changing,
deleting or inserting an entry) breaks the chain at that point, and
isms.audit_chain.audit_chain_verify() says where.

The serialisation is a stable format: changing it invalidates every existing chain.
"""

from __future__ import annotations

import datetime
import hashlib
import json

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models

GENESIS_HASH = "0" * 64
# pg_advisory_xact_lock key ("ISMSAUDT" as a signed 64-bit integer): one chain, one lock.
CHAIN_LOCK_KEY = 0x49534D5341554454
VERIFY_CHUNK = 2000

# Stored columns covered by the hash, besides sequence and prev_hash. Beyond the fields the
# issue lists, serialized_data, changes_text, object_id and remote_port are covered as well:
# a column left out could be rewritten without trace.
HASHED_FIELDS = (
    "object_pk", "object_id", "object_repr", "serialized_data", "action", "changes_text",
    "changes", "actor_id", "actor_email", "cid", "remote_addr", "remote_port", "timestamp",
    "additional_data",
)


# Models that moved to another app are hashed under the label they had before, so that the
# entries written before the move still verify (a hash covers the label, and history is never
# rewritten). Every other model is hashed under its own label.
LABELS_BEFORE_MOVE = {
    **{f"assets.{m}": f"isms.{m}" for m in ("asset", "scope", "scopeexclusion")},
    **{f"training.{m}": f"isms.{m}" for m in ("person", "course", "trainingrecord")},
    **{f"auditors.{m}": f"isms.{m}" for m in ("auditengagement", "auditoraccess")},
    **{f"connectors.{m}": f"evidence.{m}"
       for m in ("connector", "connectorrun", "policytestsuite", "policytestsuiteversion")},
}


def chained_label(label: str) -> str:
    return LABELS_BEFORE_MOVE.get(label, label)


def _json_value(value):
    """JSON values as a database returns them: PostgreSQL's jsonb gives 1e20 back as an
    integer, so integral floats are hashed as integers on every backend."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def _canonical_value(field: models.Field, value):
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return _json_value(value)
    value = field.to_python(value)  # "5" and 5 for object_pk; IPv6 in its stored form
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return value


def canonical_bytes(entry) -> bytes:
    """Sorted-keys compact JSON of the entry's chained content (works on historical models)."""
    meta = entry._meta
    content_type = ContentType.objects.db_manager(entry._state.db).get_for_id(entry.content_type_id)
    data = {
        "sequence": entry.sequence,
        "prev_hash": entry.prev_hash,
        "content_type": chained_label(f"{content_type.app_label}.{content_type.model}"),
    }
    for name in HASHED_FIELDS:
        field = meta.get_field(name)  # attnames (actor_id) resolve too
        data[name] = _canonical_value(field, getattr(entry, name))
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_digest(entry) -> str:
    return hashlib.sha256(canonical_bytes(entry)).hexdigest()


def _lock_chain(using: str) -> None:
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("an audit entry must be chained inside a transaction")
    if connection.vendor == "postgresql":
        # Held until commit or rollback, so the next writer reads the head only once this
        # entry is committed (or gone): no two entries can take the same predecessor.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    # SQLite: settings open every transaction with BEGIN IMMEDIATE, which already holds the
    # database's single write lock. Everywhere, the unique constraints on sequence and
    # prev_hash turn a lost race into an IntegrityError rather than a fork.


def chain_link(entry, using: str) -> None:
    """Give a new entry its place at the head of the chain (called right before its INSERT)."""
    _lock_chain(using)
    head = (
        type(entry)._base_manager.using(using).order_by("-sequence")
        .values_list("sequence", "entry_hash").first()
    )
    entry.sequence, entry.prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    entry.entry_hash = entry_digest(entry)
