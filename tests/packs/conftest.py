import io
import zipfile

import pytest
from pypdf import PdfReader

from demo.seed import demo_seed
from packs.models import AuditPack
from packs.services import build_audit_pack, create_audit_pack


@pytest.fixture
def demo(db):
    """The one-command demo's ISMS: assets, scope, risks, SoA, evidence, training."""
    return demo_seed()


def build(user, **kwargs) -> AuditPack:
    from django.utils import timezone

    pack = create_audit_pack(acting_user=user, as_of=kwargs.pop("as_of", timezone.localdate()), **kwargs)
    return build_audit_pack(pack, workers=2)


@pytest.fixture
def ready_pack(demo) -> AuditPack:
    pack = build(demo["officer"])
    assert pack.status == AuditPack.Status.READY, pack.error
    return pack


def pdf_pages(pack) -> list[str]:
    with pack.pdf.open("rb") as handle:
        return [page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages]


def bundle(pack) -> zipfile.ZipFile:
    with pack.zip.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))
