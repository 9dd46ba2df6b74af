"""Celery tasks of the packs app: load by id, set the actor, call one service."""

from auditlog.context import set_actor
from celery import shared_task

from packs.models import AuditPack
from packs.services import build_audit_pack


@shared_task(acks_late=True)
def build_audit_pack_task(pack_id: int) -> str:
    """Build one requested audit pack (PDF and ZIP); the pack row records progress and outcome."""
    pack = AuditPack.objects.select_related("requested_by", "engagement").get(pk=pack_id)
    with set_actor(pack.requested_by):
        return build_audit_pack(pack).status
