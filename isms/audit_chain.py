"""Verifying the audit trail's hash chain (isms/chain_hashing.py says how it is built): the
head, whether a recorded head is still in the chain, and a walk over every entry."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from isms.chain_hashing import GENESIS_HASH, VERIFY_CHUNK, entry_digest
from isms.models import AuditEntry


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
    head = audit_chain_head()
    expected_sequence, expected_prev, checked, broken = 1, GENESIS_HASH, 0, None
    for entry in _entries().filter(sequence__lte=head.sequence).iterator(chunk_size=chunk_size):
        broken = _check(entry, expected_sequence, expected_prev)
        if broken:
            break
        checked += 1
        expected_sequence, expected_prev = entry.sequence + 1, entry.entry_hash
    return ChainVerification(checked, head, broken, timezone.now())
