"""The audit trail's hash chain as written, and the application's refusal to rewrite it."""

import pytest
from auditlog.context import set_actor
from django.core.management import call_command
from django.core.management.base import CommandError

from isms.audit_chain import audit_chain_head, audit_chain_verify
from isms.chain_hashing import GENESIS_HASH, entry_digest
from isms.models import AuditEntry
from isms.models.trail import AuditTrailAppendOnly
from tests import factories


def _chain():
    return list(AuditEntry.objects.order_by("sequence"))


@pytest.mark.django_db
def test_audited_writes_form_a_gapless_chain_from_the_genesis_hash():
    engagement = factories.AuditEngagementFactory(auditors=[factories.UserFactory()])
    engagement.name = "Renamed"
    engagement.save()
    entries = _chain()
    assert [e.sequence for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == GENESIS_HASH
    assert all(e.prev_hash == before.entry_hash for before, e in zip(entries, entries[1:], strict=False))
    assert all(e.entry_hash == entry_digest(e) for e in entries)


@pytest.mark.django_db
def test_actor_set_by_auditlog_context_is_part_of_the_hash(officer):
    with set_actor(officer, remote_addr="2001:DB8::1"):
        factories.AuditEngagementFactory()
    entry = AuditEntry.objects.order_by("sequence").last()
    assert entry.actor_id == officer.pk
    assert audit_chain_verify().ok
    entry.actor_id = None
    assert entry_digest(entry) != entry.entry_hash


@pytest.mark.django_db
def test_audit_chain_head_names_the_newest_entry():
    factories.AuditEngagementFactory()
    newest = AuditEntry.objects.order_by("sequence").last()
    head = audit_chain_head()
    assert (head.sequence, head.entry_hash) == (newest.sequence, newest.entry_hash)
    assert head.count == newest.sequence


@pytest.mark.django_db
def test_audit_chain_verify_walks_in_chunks():
    for _ in range(7):
        factories.AuditEngagementFactory()
    result = audit_chain_verify(chunk_size=2)
    assert result.ok
    assert result.checked == AuditEntry.objects.count() == result.head.count


@pytest.mark.django_db
def test_saving_an_existing_entry_is_refused():
    factories.AuditEngagementFactory()
    entry = AuditEntry.objects.order_by("sequence").last()
    entry.object_repr = "rewritten"
    with pytest.raises(AuditTrailAppendOnly):
        entry.save()


@pytest.mark.django_db
def test_deleting_an_entry_is_refused():
    factories.AuditEngagementFactory()
    with pytest.raises(AuditTrailAppendOnly):
        AuditEntry.objects.order_by("sequence").last().delete()


@pytest.mark.django_db
@pytest.mark.parametrize("operation", [
    lambda qs: qs.update(object_repr="x"),
    lambda qs: qs.delete(),
    lambda qs: qs.bulk_update(list(qs), ["object_repr"]),
    lambda qs: qs.bulk_create([AuditEntry(object_repr="x", action=0, content_type_id=1)]),
], ids=["update", "delete", "bulk_update", "bulk_create"])
def test_queryset_writes_on_the_trail_are_refused(operation):
    factories.AuditEngagementFactory()
    with pytest.raises(AuditTrailAppendOnly):
        operation(AuditEntry.objects.all())
    assert audit_chain_verify().ok


@pytest.mark.django_db
def test_a_user_who_appears_in_the_trail_cannot_be_deleted(officer):
    with set_actor(officer):
        factories.AuditEngagementFactory()
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        officer.delete()


@pytest.mark.django_db
def test_verify_audit_trail_command_reports_an_intact_chain(capsys):
    factories.AuditEngagementFactory()
    call_command("verify_audit_trail")
    out = capsys.readouterr().out
    assert "intact" in out
    assert audit_chain_head().entry_hash in out


def test_auditlogflush_is_refused():
    with pytest.raises(CommandError, match="append-only"):
        call_command("auditlogflush", "--yes")
