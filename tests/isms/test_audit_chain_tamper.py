"""History rewritten directly in the database (raw SQL, bypassing the application) is found by
verification, and on PostgreSQL refused by the trigger; concurrent writers never fork the chain."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from isms.audit_chain import audit_chain_verify
from isms.chain_hashing import entry_digest
from isms.models import AuditEntry
from tests import factories
from tests.workers import _database_url

PG_ONLY = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the append-only trigger and concurrent writers need PostgreSQL (SQLite has no trigger "
    "and the in-memory test database is invisible to other processes)",
)


@pytest.fixture
def chain(db):
    """Five audited writes on top of whatever the migrations logged; returns the cursor with
    the append-only trigger disabled (as the table owner, inside the test's transaction)."""
    for n in range(5):
        factories.AuditEngagementFactory(name=f"Engagement {n}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _disable_trigger(cursor)
        yield cursor


def _disable_trigger(cursor) -> None:
    # Deferred foreign-key checks from the inserts must fire before the table can be altered.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("ALTER TABLE isms_auditentry DISABLE TRIGGER isms_auditentry_no_update_delete")


def _middle() -> AuditEntry:
    entries = AuditEntry.objects.order_by("sequence")
    return entries[entries.count() - 3]


def test_verify_finds_a_changed_field(chain):
    target = _middle()
    chain.execute("UPDATE isms_auditentry SET object_repr = %s WHERE id = %s", ["Harmless", target.pk])
    broken = audit_chain_verify().broken
    assert (broken.entry_id, broken.sequence) == (target.pk, target.sequence)
    assert "changed" in broken.problem
    assert broken.found == target.entry_hash


def test_verify_finds_a_deleted_entry(chain):
    target = _middle()
    chain.execute("DELETE FROM isms_auditentry WHERE id = %s", [target.pk])
    broken = audit_chain_verify().broken
    assert broken.sequence == target.sequence + 1
    assert broken.problem == f"entry {target.sequence} is missing before it (deleted)"


def _forge_after(chain, before: AuditEntry, prev_hash: str) -> AuditEntry:
    """Make room after `before` and copy it as a forged entry with a correctly computed hash."""
    chain.execute("UPDATE isms_auditentry SET sequence = sequence + 100000 WHERE sequence > %s",
                  [before.sequence])
    chain.execute("UPDATE isms_auditentry SET sequence = sequence - 99999 WHERE sequence > 100000")
    columns = [f.column for f in AuditEntry._meta.concrete_fields if f.column not in (
        "id", "sequence", "prev_hash", "entry_hash", "object_repr")]
    copied = ", ".join(columns)
    chain.execute(
        f"INSERT INTO isms_auditentry ({copied}, object_repr, sequence, prev_hash, entry_hash) "  # noqa: S608
        f"SELECT {copied}, 'Forged', %s, %s, 'pending' FROM isms_auditentry WHERE id = %s",
        [before.sequence + 1, prev_hash, before.pk],
    )
    forged = AuditEntry.objects.get(sequence=before.sequence + 1)
    chain.execute("UPDATE isms_auditentry SET entry_hash = %s WHERE id = %s",
                  [entry_digest(forged), forged.pk])
    return forged


def test_verify_finds_an_entry_inserted_in_the_middle(chain):
    forged = _forge_after(chain, _middle(), prev_hash="f" * 64)
    broken = audit_chain_verify().broken
    assert (broken.entry_id, broken.sequence) == (forged.pk, forged.sequence)
    assert "does not link" in broken.problem


def test_verify_finds_an_inserted_entry_even_when_its_successor_is_relinked(chain):
    before = _middle()
    successor_id = AuditEntry.objects.get(sequence=before.sequence + 1).pk
    chain.execute("UPDATE isms_auditentry SET prev_hash = %s WHERE id = %s", ["e" * 64, successor_id])
    forged = _forge_after(chain, before, prev_hash=before.entry_hash)
    chain.execute("UPDATE isms_auditentry SET prev_hash = %s WHERE id = %s",
                  [AuditEntry.objects.get(pk=forged.pk).entry_hash, successor_id])
    broken = audit_chain_verify().broken
    assert (broken.entry_id, broken.sequence) == (successor_id, forged.sequence + 1)
    assert "changed" in broken.problem


def test_verify_audit_trail_command_names_the_broken_entry(chain):
    target = _middle()
    chain.execute("DELETE FROM isms_auditentry WHERE id = %s", [target.pk])
    with pytest.raises(CommandError, match=f"sequence {target.sequence + 1}"):
        call_command("verify_audit_trail")


def test_a_recorded_head_exposes_deleted_newest_entries(chain):
    newest = AuditEntry.objects.order_by("sequence").last()
    recorded = f"{newest.sequence}:{newest.entry_hash}"
    call_command("verify_audit_trail", "--expect-head", recorded)
    chain.execute("DELETE FROM isms_auditentry WHERE id = %s", [newest.pk])
    assert audit_chain_verify().ok  # the rest of the chain is still consistent
    with pytest.raises(CommandError, match="not in the audit trail"):
        call_command("verify_audit_trail", "--expect-head", recorded)


def _verify_in_a_process() -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "verify_audit_trail"], capture_output=True, text=True,
        env=os.environ | {"DATABASE_URL": _database_url()}, check=False,
    )


@PG_ONLY
def test_verify_audit_trail_exits_0_when_intact_and_1_when_broken(transactional_db):
    for n in range(4):
        factories.AuditEngagementFactory(name=f"Engagement {n}")
    assert _verify_in_a_process().returncode == 0
    target = _middle()
    with transaction.atomic(), connection.cursor() as cursor:
        _disable_trigger(cursor)
        cursor.execute("DELETE FROM isms_auditentry WHERE id = %s", [target.pk])
        cursor.execute("ALTER TABLE isms_auditentry ENABLE TRIGGER isms_auditentry_no_update_delete")
    result = _verify_in_a_process()
    assert result.returncode == 1
    assert f"sequence {target.sequence + 1}" in result.stderr


@PG_ONLY
@pytest.mark.django_db
@pytest.mark.parametrize("statement", [
    "UPDATE isms_auditentry SET object_repr = 'x'",
    "DELETE FROM isms_auditentry",
    "SET CONSTRAINTS ALL IMMEDIATE; SET LOCAL isms.allow_audit_truncate = 'off'; "
    "TRUNCATE isms_auditentry CASCADE",
], ids=["update", "delete", "truncate"])
def test_postgresql_trigger_refuses_rewriting_the_trail(statement):
    factories.AuditEngagementFactory()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        for sql in statement.split("; "):
            cur.execute(sql)
    assert audit_chain_verify().ok


WRITER = """
import django, sys
django.setup()
from auditors.models import AuditEngagement
import datetime
for n in range(int(sys.argv[2])):
    AuditEngagement.objects.create(name=f"{sys.argv[1]}-{n}", audit_firm="Race Ltd",
        start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 12, 31))
"""


@PG_ONLY
def test_concurrent_writers_leave_a_valid_chain(transactional_db, settings):
    env = os.environ | {"DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "isms.settings"}
    before = AuditEntry.objects.count()
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, name, "40"], env=env, cwd=settings.BASE_DIR)  # noqa: S603
        for name in ("left", "right")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    assert AuditEntry.objects.count() == before + 80
    assert AuditEntry.objects.values("prev_hash").distinct().count() == before + 80
    assert audit_chain_verify().ok
