"""What an auditor reads in a built pack, checked against the database it was built from.

One build for the whole module (each costs seconds): the fixture arranges a small, exactly known
ISMS, builds a pack of it, keeps the PDF text, the bundle and the facts the tests compare them
with, and rolls the database back."""

import hashlib
import io
import json
import re
import tempfile
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from assets.models import Asset, Scope
from assets.services.scope import approve_scope, create_scope_draft, update_scope
from controls.models import SoAEntry
from controls.services import update_soa_entry
from evidence.models import EvidenceFile
from isms.models import AuditEntry
from packs.models import AuditPack
from packs.services import build_audit_pack, create_audit_pack
from tests import factories

SCOPE_STATEMENT = "Operation of the Helpdesk Copilot SLM and its training pipeline."
pytestmark = pytest.mark.django_db  # also tells pytest-django to set up the test database
EXCLUDED = ("Marketing website", "Static brochure site with no customer data, hosted by a vendor.")


def _arrange(officer) -> dict:
    """A small ISMS whose every fact the tests look for in the pack."""
    engineer = factories.engineer(username="enzo", first_name="Enzo", last_name="Ferrante")
    dataset = factories.asset_owned(
        engineer, name="helpdesk-tickets-2025", kind="dataset", holds_pii=True,
        pii_categories=["contact", "account"], data_provenance="Zendesk export under the DPA",
        confidentiality=4, integrity=3, availability=2, region="eu-west-1",
    )
    model = factories.asset_owned(
        engineer, name="helpdesk-copilot-7b", kind="model", base_model="mistralai/Mistral-7B-v0.3",
        model_version="2.4.1", parameter_count=7_241_732_096, architecture="Transformer decoder",
        licence="Apache-2.0", artefact_sha256="c0ffee" + "0" * 58, intended_use="Drafting replies",
        limitations="English only", encrypted_at_rest=True, encrypted_in_transit=False,
    )
    model.training_datasets.set([dataset])
    model.depends_on.set([dataset])
    rack = factories.asset_owned(engineer, name="gpu-rack-b", kind="infrastructure")
    draft = create_scope_draft(acting_user=officer)
    update_scope(draft, acting_user=officer, statement=SCOPE_STATEMENT, assets=[model, dataset],
                 exclusions=[{"what": EXCLUDED[0], "justification": EXCLUDED[1]}])
    scope = approve_scope(draft, acting_user=officer)
    update_soa_entry(factories.soa_entry("7.12"), acting_user=officer, applicable=False,
                     justification="No cabling of our own: cloud hosted.")
    update_soa_entry(factories.soa_entry("8.24"), acting_user=officer, applicable=True,
                     justification="Weights encrypted at rest with KMS.", owner=engineer,
                     implementation_status="implemented")
    evidence = factories.evidence(
        officer, controls=[factories.soa_entry("8.24").control], title="KMS key policy export",
        files=[factories.upload("kms-policy.json", b'{"KeyRotation": true}\n')],
    )
    risk = factories.risk(officer, title="Training data poisoning via ticket import")
    engagement = factories.AuditEngagementFactory(name="Stage 2 certification audit")
    pack = create_audit_pack(acting_user=officer, as_of=timezone.localdate(), engagement=engagement)
    return {"pack": pack, "scope": scope, "model": model, "dataset": dataset, "rack": rack,
            "evidence": evidence, "risk": risk, "engineer": engineer, "engagement": engagement}


def _trail_total(model) -> int:
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).count()


def _read(pack: AuditPack) -> dict:
    with pack.pdf.open("rb") as handle:
        pdf = handle.read()
    with pack.zip.open("rb") as handle:
        archive = handle.read()
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return {"pdf": pdf, "zip": archive, "pages": pages, "text": " ".join(" ".join(pages).split())}


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """Build once, remember what was built and from what, roll everything back."""
    with (tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media),
          django_db_blocker.unblock(), transaction.atomic()):
        officer = factories.officer(username="orla", first_name="Orla", last_name="Quinn")
        arranged = _arrange(officer)
        pack = build_audit_pack(arranged["pack"], workers=2)
        assert pack.status == AuditPack.Status.READY, pack.error
        stored = {f.original_name: f.sha256 for f in EvidenceFile.objects.all()}
        trail = {model: _trail_total(model) for model in (Asset, Scope, SoAEntry)}
        facts = {
            "pack": AuditPack.objects.get(pk=pack.pk), "officer": officer, "stored_sha256": stored,
            "trail": trail,
            **arranged, **_read(pack),
        }
        transaction.set_rollback(True)
    return facts


def _section(built, title: str, following: str) -> str:
    """The text between a section's heading (on its own first page) and the next section's."""
    text = built["text"]
    start = text.index(title, text.index("Contents") + len("Contents") + 500)
    return text[start:text.index(following, start + len(title))]


def test_cover_names_the_scope_engagement_requester_and_date(built):
    cover = " ".join(built["pages"][0].split())
    assert "ISMS audit pack" in cover
    assert SCOPE_STATEMENT in cover and f"version {built['scope'].version}, approved" in cover
    assert "Stage 2 certification audit" in cover
    assert "Orla Quinn" in cover and f"pack #{built['pack'].pk}" in cover
    assert timezone.localdate().strftime("%Y") in cover


def test_scope_section_shows_the_approved_statement_exclusion_and_in_scope_assets(built):
    scope = _section(built, "ISMS scope", "Asset inventory")
    assert SCOPE_STATEMENT in scope
    assert EXCLUDED[0] in scope and EXCLUDED[1] in scope
    assert "In-scope assets (2)" in scope
    assert "helpdesk-copilot-7b" in scope and "helpdesk-tickets-2025" in scope
    assert "gpu-rack-b" not in scope  # in the inventory, not in the scope
    assert "approved by Orla Quinn" in scope


def test_asset_inventory_lists_every_asset_with_owner_ratings_and_personal_data(built):
    inventory = _section(built, "Asset inventory", "Model cards")
    assert "3 assets in the inventory" in inventory
    assert ("helpdesk-tickets-2025 · Dataset · Enzo Ferrante · Confidential · 4/3/2 · "
            "PII: contact, account · Cloud, eu-west-1") in inventory
    assert "helpdesk-copilot-7b · Model · Enzo Ferrante" in inventory
    assert "depends on: helpdesk-tickets-2025" in inventory
    assert "gpu-rack-b · Infrastructure" in inventory


def test_model_cards_carry_the_model_facts_and_leave_infrastructure_out(built):
    cards = _section(built, "Model cards", "Risk")
    assert "Model-card facts of the 2 model, dataset and inference-endpoint assets" in cards
    model = built["model"]
    for fact in (model.base_model, "2.4.1", model.artefact_sha256, "7241732096 parameters",
                 "licence Apache-2.0", "training data: helpdesk-tickets-2025",
                 "encrypted at rest: yes, in transit: no", "intended use: Drafting replies",
                 "limitations: English only"):
        assert fact in cards, fact
    assert "gpu-rack-b" not in cards


def test_soa_section_shows_each_decision_with_its_justification_status_and_owner(built):
    soa = _section(built, "Statement of Applicability", "Training matrix")
    assert "All 93 controls of Annex A" in soa
    assert re.search(r"A\.7\.12 Cabling security No No cabling of our own: cloud hosted\. Excluded", soa)
    assert re.search(
        r"A\.8\.24 Use of cryptography Yes Weights encrypted at rest with KMS\. Implemented Enzo Ferrante",
        soa,
    )
    assert re.search(r"A\.5\.1 Policies for information security Undecided — Not started —", soa)


def test_risk_register_lists_the_risk_with_its_scores(built):
    text = built["text"]
    assert "Training data poisoning via ticket import" in text
    risk = built["risk"]
    assert risk.inherent_score == 16 and risk.residual_score == 6


def test_evidence_index_gives_the_file_path_and_the_sha256_stored_in_the_database(built):
    text = built["text"]
    item, sha = built["evidence"], built["stored_sha256"]["kms-policy.json"]
    assert f"evidence/{item.pk}/kms-policy.json" in text and sha in text
    assert "KMS key policy export" in text
    assert re.search(rf"A\.8\.24 Use of cryptography — 1 file Evidence {item.pk}\b", text)
    assert "(1 file of 1 item)" in text


def test_manifest_lists_the_evidence_file_with_the_database_hash_and_the_chain_head(built):
    archive = zipfile.ZipFile(io.BytesIO(built["zip"]))
    manifest = json.loads(archive.read("manifest.json"))
    pack = built["pack"]
    assert manifest["format"] == "isms-audit-pack/1" and manifest["pack"] == pack.pk
    assert manifest["as_of"] == pack.as_of.isoformat()
    assert manifest["audit_chain_head"] == {
        "sequence": pack.audit_chain_sequence, "entry_hash": pack.audit_chain_hash,
    }
    [entry] = manifest["files"]
    assert entry["path"] == f"evidence/{built['evidence'].pk}/kms-policy.json"
    assert entry["sha256"] == built["stored_sha256"]["kms-policy.json"]
    assert archive.read(entry["path"]) == b'{"KeyRotation": true}\n'


def test_stored_hashes_and_sizes_match_the_downloaded_files(built):
    pack = built["pack"]
    assert hashlib.sha256(built["pdf"]).hexdigest() == pack.pdf_sha256
    assert hashlib.sha256(built["zip"]).hexdigest() == pack.zip_sha256
    assert len(built["pdf"]) == pack.pdf_size and len(built["zip"]) == pack.zip_size
    archive = zipfile.ZipFile(io.BytesIO(built["zip"]))
    assert archive.read("audit-pack.pdf") == built["pdf"]
    assert hashlib.sha256(archive.read("manifest.json")).hexdigest() == pack.manifest_sha256
    assert pack.page_count == len(built["pages"]) and pack.file_count == 1


def test_sha256sums_verifies_every_member_of_the_bundle(built):
    archive = zipfile.ZipFile(io.BytesIO(built["zip"]))
    lines = archive.read("SHA256SUMS").decode().splitlines()
    sums = {name: digest for digest, name in (line.split("  ", 1) for line in lines)}
    assert set(sums) == set(archive.namelist()) - {"SHA256SUMS"}
    assert {name: hashlib.sha256(archive.read(name)).hexdigest() for name in sums} == sums


def test_audit_trail_summary_is_the_last_section(built):
    pages = built["pages"]
    contents = [line for line in pages[1].splitlines()
                if re.match(r"^.+\s\d+$", line.strip()) and "Page" not in line]
    assert contents[-1].startswith("Audit trail summary")


def test_audit_trail_summary_counts_the_changes_recorded_per_record_type(built):
    summary = built["text"][built["text"].rindex("Audit trail summary"):]
    assert built["trail"][Asset] >= 3  # three assets created, their links changed
    for model, total in built["trail"].items():
        name = str(model._meta.verbose_name_plural).capitalize()
        assert re.search(rf"{re.escape(name)}(?: \d+)+ {total}\b", summary), (name, total)
    assert f"Head of the chain: entry {built['pack'].audit_chain_sequence}" in summary
