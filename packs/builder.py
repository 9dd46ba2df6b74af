"""Building an audit pack's files in a work directory, stage by stage.

1. collecting: each section's data (queries run here, in this process), whose HTML goes at
   once to a pool of WeasyPrint workers (one document per section part), so layout starts
   while later sections are collected; then the evidence list;
2. meanwhile this process streams the evidence into the ZIP and writes manifest.json;
3. rendering section i/n: waiting for the workers, section by section;
4. merging: cover and contents (rendered last, when every section's page count is known and
   the manifest's hash exists), merged with pypdf, stamped with header and page x of y;
5. hashing: the PDF goes into the ZIP, with SHA256SUMS over everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from isms.audit_chain import ChainHead, audit_chain_head
from packs import render
from packs.bundle import PDF_NAME, Bundle, file_sha256
from packs.evidence_files import current_files
from packs.pdf_assembly import OutlineEntry, assemble
from packs.sections import iter_pack_sections
from packs.sections_core import scope_as_of

Report = Callable[[str, int], None]  # (stage, percent)


@dataclass
class BuildResult:
    pdf: Path
    zip: Path
    pdf_sha256: str
    zip_sha256: str
    manifest_sha256: str
    page_count: int
    file_count: int
    chain_head: ChainHead


def _css_string(text: str) -> str:
    """`text` as a CSS string literal, safe inside a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    return mark_safe(f'"{escaped}"')  # noqa: S308 (escaped for CSS just above)


def _part_documents(section: dict):
    """The HTML of every document (part) of one section."""
    legend = _css_string(section["legend"]) if section.get("legend") else ""
    for number, part in enumerate(section.get("parts") or [{}]):
        context = {**section["context"], **part, "first_part": number == 0}
        body = render_to_string(section["template"], context)
        yield render_to_string("packs/print/document.html", {
            "title": section["title"], "key": section["key"], "first_part": number == 0, "body": body,
            "legend": legend,
        })


def _collect_and_submit(as_of, executor, workdir: Path) -> tuple[list[dict], list[tuple[int, Path, object]]]:
    """Each section's parts go to the workers as soon as its provider has read its data, so
    layout starts while the later sections are still being collected."""
    sections, jobs = [], []
    for index, section in enumerate(iter_pack_sections(as_of)):
        sections.append(section)
        for html in _part_documents(section):
            path = workdir / f"part-{len(jobs):04d}.pdf"
            jobs.append((index, path, executor.submit(render.render_pdf, html, str(path))))
    return sections, jobs


def _front_matter(context: dict, sections, pages: list[int], executor, workdir: Path) -> tuple[Path, int]:
    """Cover and contents; re-laid out once if the contents' own length shifts the numbers."""
    path, front_pages = workdir / "front.pdf", 2
    for _ in range(3):
        start, toc = front_pages + 1, []
        for section, count in zip(sections, pages, strict=True):
            toc.append({"title": section["title"], "page": start})
            start += count
        html = render_to_string("packs/print/front.html", {**context, "toc": toc})
        actual = executor.submit(render.render_pdf, html, str(path)).result()
        if actual == front_pages:
            return path, actual
        front_pages = actual
    raise RuntimeError("The contents pages did not settle.")


def _lay_out(sections, jobs, files, bundle: Bundle, header: dict, report: Report):
    """Evidence into the bundle while the workers lay out; returns (pages per section,
    manifest SHA-256)."""
    report(f"rendering {len(sections)} sections", 5)
    total = max(len(files), 1)

    def bundled(count: int) -> None:
        if count % 250 == 0 or count == len(files):
            report(f"bundling evidence ({count}/{len(files)} files)", 5 + 25 * count // total)

    manifest_sha256 = bundle.add_manifest(header, bundle.add_evidence(files, bundled))
    pages, done = [0] * len(sections), set()
    for index, _, future in jobs:
        pages[index] += future.result()
        if index not in done:
            done.add(index)
            report(f"rendering section {index + 1}/{len(sections)}", 30 + 55 * (index + 1) // len(sections))
    return pages, manifest_sha256


def build_pack_files(pack, workdir: Path, report: Report, workers: int | None = None) -> BuildResult:
    report("collecting", 2)
    generated_at = timezone.now()
    organisation = settings.ORGANISATION_NAME
    executor = render.render_executor(workers or settings.AUDIT_PACK_WORKERS)
    bundle = Bundle(workdir / "bundle.zip")
    try:
        sections, jobs = _collect_and_submit(pack.as_of, executor, workdir)
        files = current_files(pack.as_of)
        head = audit_chain_head()
        pages, manifest_sha256 = _lay_out(sections, jobs, files, bundle, {
            "format": "isms-audit-pack/1", "pack": pack.pk, "organisation": organisation,
            "as_of": pack.as_of.isoformat(), "generated_at": generated_at.isoformat(),
            "audit_chain_head": {"sequence": head.sequence, "entry_hash": head.entry_hash},
        }, report)
        report("merging", 88)
        context = {
            "pack": pack, "organisation": organisation, "scope": scope_as_of(pack.as_of),
            "generated_at": generated_at, "manifest_sha256": manifest_sha256, "chain_head": head,
        }
        front, front_pages = _front_matter(context, sections, pages, executor, workdir)
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        bundle.abort()
        raise
    executor.shutdown(wait=True)
    outline, start = [OutlineEntry("Cover", 0), OutlineEntry("Contents", 1)], front_pages
    for section, count in zip(sections, pages, strict=True):
        outline.append(OutlineEntry(section["title"], start))
        start += count
    pdf = workdir / PDF_NAME
    header = f"{organisation} · ISMS audit pack as of {pack.as_of:%Y-%m-%d} · pack #{pack.pk}"
    total_pages = assemble([front, *(path for _, path, _ in jobs)], pdf, header=header, outline=outline)
    report("hashing", 95)
    pdf_sha256 = bundle.add_file(PDF_NAME, pdf)
    bundle.close()
    return BuildResult(pdf, bundle.path, pdf_sha256, file_sha256(bundle.path), manifest_sha256,
                       total_pages, len(files), head)
