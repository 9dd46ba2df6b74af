import time

import pytest
from django.db import transaction
from django.utils import timezone

from isms.models import AuditEntry
from packs.models import AuditPack
from packs.services import request_audit_pack
from tests import factories
from tests.packs.conftest import bundle, pdf_pages


@pytest.mark.worker
def test_a_real_worker_builds_a_requested_pack(celery_worker_process):
    officer = factories.officer(username="olivia")
    factories.evidence(officer, controls=[factories.soa_entry("5.15").control], title="Access policy")
    with transaction.atomic():  # the task is enqueued when this commits
        pack = request_audit_pack(acting_user=officer, as_of=timezone.localdate())
    seen_stages, deadline = set(), time.monotonic() + 180
    while time.monotonic() < deadline:
        pack.refresh_from_db()
        seen_stages.add(pack.stage)
        if pack.is_finished:
            break
        time.sleep(0.2)
    assert pack.status == AuditPack.Status.READY, pack.error
    assert "done" in seen_stages and len(seen_stages) > 2  # progress was visible while it ran
    assert "A.5.15" in "\n".join(pdf_pages(pack))
    assert "evidence/" in "".join(bundle(pack).namelist())
    # The worker recorded the outcome as the requesting officer.
    finished = AuditEntry.objects.get_for_object(pack).filter(action=AuditEntry.Action.UPDATE).last()
    assert finished.actor == officer
