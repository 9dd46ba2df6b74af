import hashlib
import json
import re

import pytest

from controls.models import Control
from packs.models import AuditPack
from packs.sections import pack_sections
from packs.sections_assurance import EVIDENCE_LEGEND
from packs.sections_risks import assessment_as_of
from risks.models import Risk, TreatmentAction
from tests.packs.conftest import bundle, pdf_pages


@pytest.mark.django_db
def test_pdf_has_every_section_and_every_annex_a_control(ready_pack):
    text = "\n".join(pdf_pages(ready_pack))
    for section in pack_sections(ready_pack.as_of):
        assert section["title"] in text
    refs = list(Control.objects.filter(framework__code="iso27001-2022").values_list("ref", flat=True))
    assert len(refs) == 93
    missing = [ref for ref in refs if not re.search(rf"A\.{re.escape(ref)}(?!\d)", text)]
    assert missing == []


def _toc(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page) rows of the contents page (the second page)."""
    rows = []
    for line in pages[1].splitlines():
        match = re.match(r"^(.+?)\s+(\d+)$", line.strip())
        if match and "Page" not in line:
            rows.append((match.group(1), int(match.group(2))))
    return rows


@pytest.mark.django_db
def test_contents_page_numbers_match_where_each_section_starts(ready_pack):
    pages = pdf_pages(ready_pack)
    toc = _toc(pages)
    titles = [s["title"] for s in pack_sections(ready_pack.as_of)]
    assert [title for title, _ in toc] == titles
    for (title, page), (_, next_page) in zip(toc, [*toc[1:], ("end", len(pages) + 1)], strict=True):
        assert title in pages[page - 1].split("\n")[:3]  # the section's heading tops its first page
        assert f"Page {page} of {len(pages)}" in pages[page - 1]
        assert all(title not in pages[i].split("\n")[:3] for i in range(2, page - 1)), title
        assert next_page > page
    assert ready_pack.page_count == len(pages)


@pytest.mark.django_db
def test_every_page_has_the_running_header_and_page_x_of_y(ready_pack):
    pages = pdf_pages(ready_pack)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"ISMS audit pack as of {ready_pack.as_of:%Y-%m-%d}" in text


@pytest.mark.django_db
def test_manifest_hashes_match_the_bundled_files(ready_pack):
    archive = bundle(ready_pack)
    manifest_bytes = archive.read("manifest.json")
    manifest = json.loads(manifest_bytes)
    assert hashlib.sha256(manifest_bytes).hexdigest() == ready_pack.manifest_sha256
    assert len(manifest["files"]) == ready_pack.file_count > 0
    for entry in manifest["files"]:
        data = archive.read(entry["path"])
        assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
    sums = dict(
        reversed(line.split("  ", 1)) for line in archive.read("SHA256SUMS").decode().splitlines()
    )
    assert set(sums) == set(archive.namelist()) - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    with ready_pack.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == sums["audit-pack.pdf"] == ready_pack.pdf_sha256


@pytest.mark.django_db
def test_cover_shows_the_manifest_hash_and_the_audit_chain_head(ready_pack):
    cover = pdf_pages(ready_pack)[0].replace("\n", "")
    assert ready_pack.manifest_sha256 in cover
    assert ready_pack.audit_chain_hash in cover
    assert ready_pack.requested_by.get_full_name() in cover


@pytest.mark.django_db
def test_ready_pack_records_its_outcome(ready_pack):
    assert ready_pack.stage == "done" and ready_pack.progress == 100
    assert ready_pack.duration.total_seconds() > 0 and ready_pack.error == ""
    assert ready_pack.pdf.name.endswith(".pdf") and ready_pack.zip.name.endswith(".zip")
    assert AuditPack.objects.get(pk=ready_pack.pk).status == AuditPack.Status.READY


@pytest.mark.django_db
def test_evidence_index_lists_every_bundled_file_with_its_path_and_sha256(ready_pack):
    text = "\n".join(pdf_pages(ready_pack))
    manifest = json.loads(bundle(ready_pack).read("manifest.json"))
    missing = [e["path"] for e in manifest["files"] if e["path"] not in text or e["sha256"] not in text]
    assert manifest["files"] and missing == []
    count = len(manifest["files"])
    assert f"as of the pack date ({count} file{'s' if count != 1 else ''} of " in " ".join(text.split())
    # Each file once, however many controls its evidence is linked to; controls list the ids.
    assert [e["path"] for e in manifest["files"] if text.count(e["path"]) != 1] == []
    evidence_ids = {e["path"].split("/")[1] for e in manifest["files"]}
    assert any(re.search(rf"Evidence [\d, ]*\b{i}\b", text) for i in evidence_ids)


@pytest.mark.django_db
def test_every_risk_and_treatment_action_is_listed(ready_pack):
    text = " ".join(" ".join(pdf_pages(ready_pack)).split())  # wrapped lines joined
    assessment = assessment_as_of(ready_pack.as_of)
    risks = Risk.objects.filter(assessment=assessment)
    actions = TreatmentAction.objects.filter(risk__assessment=assessment)
    assert risks.exists() and actions.exists()
    assert [r.title for r in risks if " ".join(r.title.split()) not in text] == []
    assert [a.description for a in actions if " ".join(a.description.split()) not in text] == []


@pytest.mark.django_db
def test_each_page_of_a_listing_repeats_its_field_legend(ready_pack):
    pages = pdf_pages(ready_pack)
    toc = dict(_toc(pages))
    titles = [title for title, _ in _toc(pages)]
    start = toc["Evidence index"]
    end = toc[titles[titles.index("Evidence index") + 1]]
    assert end > start
    assert all(EVIDENCE_LEGEND in pages[i] for i in range(start - 1, end - 1))
