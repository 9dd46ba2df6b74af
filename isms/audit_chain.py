"""The audit trail's hash chain: each entry stores its position (`sequence`), the hash of the
entry before it (`prev_hash`) and its own hash (`entry_hash`), a SHA-256 over a canonical
serialisation of every stored column. Rewriting history (changing, deleting or inserting an
entry) breaks the chain at that point, and `audit_chain_verify()` says where.

The serialisation is a stable format: changing it invalidates every existing chain.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

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
        "content_type": f"{content_type.app_label}.{content_type.model}",
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


@dataclass(frozen=True)
class ChainHead:
    sequence: int
    entry_hash: str
    timestamp: datetime.datetime | None

    @property
    def count(self) -> int:
        return self.sequence  # sequences start at 1 and have no gaps in an intact chain


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    sequence: int
    problem: str
    expected: str
    found: str


@dataclass(frozen=True)
class ChainVerification:
    checked: int
    head: ChainHead
    broken: ChainBreak | None
    verified_at: datetime.datetime

    @property
    def ok(self) -> bool:
        return self.broken is None


def _entries():
    from isms.models import AuditEntry

    return AuditEntry.objects.order_by("sequence")


def audit_chain_head() -> ChainHead:
    """The newest entry's sequence and hash (sequence 0 and the genesis hash when empty)."""
    head = _entries().reverse().values_list("sequence", "entry_hash", "timestamp").first()
    return ChainHead(*head) if head else ChainHead(0, GENESIS_HASH, None)


def audit_chain_has(sequence: int, entry_hash: str) -> bool:
    """Is a head recorded earlier (say on an audit pack cover) still in the chain, unchanged?
    Catches what a chain alone cannot: the newest entries deleted, or the chain rewritten."""
    return _entries().filter(sequence=sequence, entry_hash=entry_hash.lower()).exists()


def _check(entry, expected_sequence: int, expected_prev: str) -> ChainBreak | None:
    def broken(problem, expected, found):
        return ChainBreak(entry.pk, entry.sequence, problem, str(expected), str(found))

    if entry.sequence != expected_sequence:
        missing = range(expected_sequence, entry.sequence)
        what = f"entry {missing[0]} is" if len(missing) == 1 else f"entries {missing[0]}-{missing[-1]} are"
        return broken(f"{what} missing before it (deleted)", expected_sequence, entry.sequence)
    if entry.prev_hash != expected_prev:
        return broken(
            "does not link to the entry before it (an entry was inserted, removed or re-hashed)",
            expected_prev, entry.prev_hash,
        )
    digest = entry_digest(entry)
    if digest != entry.entry_hash:
        return broken("content was changed after it was written", digest, entry.entry_hash)
    return None


def audit_chain_verify(chunk_size: int = VERIFY_CHUNK) -> ChainVerification:
    """Walk the whole chain in sequence order (constant memory) and return the first broken
    link, if any, with the current head."""
    from django.utils import timezone

    head = audit_chain_head()
    expected_sequence, expected_prev, checked, broken = 1, GENESIS_HASH, 0, None
    for entry in _entries().filter(sequence__lte=head.sequence).iterator(chunk_size=chunk_size):
        broken = _check(entry, expected_sequence, expected_prev)
        if broken:
            break
        checked += 1
        expected_sequence, expected_prev = entry.sequence + 1, entry.entry_hash
    return ChainVerification(checked, head, broken, timezone.now())
