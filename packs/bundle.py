"""The ZIP bundle: evidence files streamed from storage and verified against their stored
SHA-256 on the way, manifest.json, the PDF, and SHA256SUMS for `sha256sum -c`.

Nothing is read whole into memory: each file goes through in 1 MiB chunks. Files are STORED
(not deflated): evidence is mostly PDFs, images and archives that do not compress, and storing
keeps 5,000 files well within seconds."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.files.storage import default_storage

from packs.evidence_files import PackFile

CHUNK = 1024 * 1024
MANIFEST = "manifest.json"
PDF_NAME = "audit-pack.pdf"
SUMS = "SHA256SUMS"


class BundleError(Exception):
    """An evidence file is missing or does not match its recorded hash."""


def _copy(source, target) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return digest.hexdigest(), size


class Bundle:
    """A ZIP under construction; `sums` collects (sha256, path) for SHA256SUMS."""

    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED, allowZip64=True)
        self.sums: list[tuple[str, str]] = []

    def add_evidence(self, files: Iterable[PackFile], on_progress: Callable[[int], None]) -> list[dict]:
        """Stream every file in, checking it against the hash recorded at upload."""
        entries = []
        for count, item in enumerate(files, start=1):
            try:
                source = default_storage.open(item.storage_name, "rb")
            except (FileNotFoundError, OSError) as missing:
                raise BundleError(
                    f"Evidence file “{item.original_name}” of “{item.evidence_title}” (evidence "
                    f"#{item.evidence_id}, version {item.version}) is missing from storage."
                ) from missing
            with source, self.zip.open(item.arcname, "w", force_zip64=item.size > 2**31) as target:
                sha256, size = _copy(source, target)
            if sha256 != item.sha256 or size != item.size:
                raise BundleError(
                    f"Evidence file “{item.original_name}” of “{item.evidence_title}” (evidence "
                    f"#{item.evidence_id}) does not match its recorded SHA-256: it was changed in storage."
                )
            self.sums.append((sha256, item.arcname))
            entries.append({
                "path": item.arcname, "sha256": sha256, "size": size, "evidence_id": item.evidence_id,
                "evidence_title": item.evidence_title, "version": item.version,
                "original_name": item.original_name,
            })
            on_progress(count)
        return entries

    def add_bytes(self, name: str, data: bytes) -> str:
        self.zip.writestr(name, data)
        sha256 = hashlib.sha256(data).hexdigest()
        self.sums.append((sha256, name))
        return sha256

    def add_manifest(self, header: dict, entries: list[dict]) -> str:
        """Write manifest.json; returns its SHA-256 (quoted on the PDF's cover)."""
        data = json.dumps({**header, "files": entries}, indent=1, sort_keys=True, ensure_ascii=False)
        return self.add_bytes(MANIFEST, data.encode() + b"\n")

    def add_file(self, name: str, path: Path) -> str:
        large = path.stat().st_size > 2**31
        with open(path, "rb") as source, self.zip.open(name, "w", force_zip64=large) as target:
            sha256, _ = _copy(source, target)
        self.sums.append((sha256, name))
        return sha256

    def close(self) -> None:
        """Write SHA256SUMS (every other file; two spaces: the format sha256sum -c reads)."""
        lines = "".join(f"{sha}  {name}\n" for sha, name in sorted(self.sums, key=lambda s: s[1]))
        self.zip.writestr(SUMS, lines.encode())
        self.zip.close()

    def abort(self) -> None:
        self.zip.close()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
