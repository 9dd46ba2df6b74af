"""Evidence files: names, types and hashes, checked and computed while streaming.

Nothing here reads a whole file into memory: uploads arrive as Django UploadedFiles (spooled to
a temporary file past FILE_UPLOAD_MAX_MEMORY_SIZE) and are hashed chunk by chunk while the
storage backend copies them."""

import hashlib
import unicodedata
import uuid

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone
from django.utils.text import get_valid_filename

# Content types accepted as evidence, detected from the bytes (libmagic), never from the client.
ALLOWED_TYPES = {
    "application/pdf",
    "application/json",
    "application/zip",
    "application/gzip",
    "application/x-gzip",
    "application/x-tar",
    "application/xml",
    "application/yaml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/svg+xml",
    "text/plain",
    "text/csv",
    "text/markdown",
    "text/html",
    "text/xml",
    "text/x-log",
    "message/rfc822",
}
SNIFF_BYTES = 8192


def clean_name(name: str) -> str:
    """A safe original name; path parts and traversal are refused, not silently dropped."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise ValidationError("The file has no name.")
    if "/" in name or "\\" in name or name.startswith(".") or "\x00" in name:
        raise ValidationError(f"“{name[:80]}” is not a plain file name (no folders or leading dots).")
    cleaned = get_valid_filename(name)[:200]
    if not cleaned or cleaned in {".", ".."}:
        raise ValidationError(f"“{name[:80]}” is not a usable file name.")
    return cleaned


def detect_type(upload) -> str:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    detected = magic.from_buffer(head, mime=True)
    if detected == "text/plain" and head.lstrip()[:1] in (b"{", b"["):
        detected = "application/json"  # libmagic reports short JSON documents as text
    return detected


def check_upload(upload) -> tuple[str, str]:
    """Refuse empty, oversized or disallowed files; returns (clean name, detected type)."""
    name = clean_name(upload.name)
    if upload.size == 0:
        raise ValidationError(f"“{name}” is empty.")
    limit = settings.EVIDENCE_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(f"“{name}” is {upload.size:,} bytes; the limit is {limit:,} bytes.")
    content_type = detect_type(upload)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(f"“{name}” is {content_type}, which is not accepted as evidence.")
    return name, content_type


class HashingFile(File):
    """Wraps an upload so that the storage backend's own reading computes the SHA-256."""

    def __init__(self, file, name=None):
        super().__init__(file, name)
        self.hash = hashlib.sha256()
        self.bytes_read = 0

    def _account(self, data: bytes) -> bytes:
        self.hash.update(data)
        self.bytes_read += len(data)
        return data

    def read(self, size=-1):
        return self._account(self.file.read(size))

    def chunks(self, chunk_size=None):
        self.file.seek(0)
        while data := self.file.read(chunk_size or self.DEFAULT_CHUNK_SIZE):
            yield self._account(data)


def storage_name(original: str) -> str:
    """Where a file goes in storage: unguessable, dated, never overwriting another."""
    day = timezone.now()
    return f"evidence/{day:%Y/%m}/{uuid.uuid4().hex}/{original}"
