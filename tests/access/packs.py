from django.core.files.base import ContentFile
from django.utils import timezone

from packs.models import AuditPack


def _ready_pack(personas) -> dict:
    """A ready pack of the auditor persona's engagement, with small stand-in files."""
    pack = AuditPack(
        requested_by=personas["officer"], as_of=timezone.localdate(), status=AuditPack.Status.READY,
        engagement=personas["auditor"].audit_engagements.get(), stage="done", progress=100,
    )
    pack.pdf.save("audit-pack.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    pack.zip.save("audit-pack.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=False)
    pack.save()
    return {"pk": pack.pk}


# Requesting an audit pack reads the ISMS and changes nothing in it: auditors may, for their
# own engagement (an invalid empty POST answers 200 with the form errors).
NOT_WRITES = {"packs:pack-create"}

# Engineers do not see packs at all; auditors see (and may request) those of their engagement.
EXPECTED = {
    "packs:pack-list": ("302 403 403 200 200 302", "302 403 403 405 405 302", None),
    "packs:pack-create": ("302 403 403 200 200 302", "302 403 403 200 200 302", None),
    "packs:pack-detail": ("302 403 403 200 200 302", "302 403 403 405 405 302", _ready_pack),
    "packs:pack-pdf": ("302 403 403 200 200 302", "302 403 403 405 405 302", _ready_pack),
    "packs:pack-zip": ("302 403 403 200 200 302", "302 403 403 405 405 302", _ready_pack),
}
