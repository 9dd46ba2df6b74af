"""Merging section PDFs into one pack with pypdf: outline entries per section and a running
header and "Page x of y" footer stamped on every page (numbering the merged whole, which no
single WeasyPrint document could)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

FONT = NameObject("/IsmsPackStamp")
FONT_SIZE = 7.5
MARGIN_X = 40
HEADER_FROM_TOP = 28
FOOTER_FROM_BOTTOM = 22


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    page_index: int  # 0-based


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)


def _pdf_text(text: str) -> bytes:
    """A PDF string literal in WinAnsi (Helvetica), with the delimiters escaped."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _text_width(text: str) -> float:
    return 0.52 * FONT_SIZE * len(text)  # close enough to Helvetica's average for placement


def _stamp_stream(width: float, height: float, header: str, footer: str) -> bytes:
    commands = [
        b"BT", b"%s %.2f Tf" % (FONT.encode(), FONT_SIZE),
        b"0.35 0.35 0.35 rg",
        b"%.2f %.2f Td %s Tj" % (MARGIN_X, height - HEADER_FROM_TOP, _pdf_text(header)),
        b"ET", b"BT", b"%s %.2f Tf" % (FONT.encode(), FONT_SIZE), b"0.35 0.35 0.35 rg",
        b"%.2f %.2f Td %s Tj" % (
            width - MARGIN_X - _text_width(footer), FOOTER_FROM_BOTTOM, _pdf_text(footer)
        ),
        b"ET",
    ]
    return b"\n".join(commands)


def _stream(writer: PdfWriter, data: bytes):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def _stamp(writer: PdfWriter, header: str) -> None:
    """Add header and footer as extra content streams: no parsing of the pages' own content,
    which keeps this linear and cheap; q/Q isolate our drawing from their graphics state."""
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))
    save, restore = _stream(writer, b"q"), _stream(writer, b"Q")
    total = len(writer.pages)
    for number, page in enumerate(writer.pages, start=1):
        box = page.mediabox
        stamp = _stream(writer, _stamp_stream(float(box.width), float(box.height), header,
                                              f"Page {number} of {total}"))
        contents = page.get("/Contents")
        existing = contents.get_object() if contents is not None else None
        if isinstance(existing, ArrayObject):
            parts = list(existing)
        else:
            parts = [contents] if contents is not None else []
        page[NameObject("/Contents")] = ArrayObject([save, *parts, restore, stamp])
        if "/Resources" not in page:
            page[NameObject("/Resources")] = DictionaryObject()
        resources = page["/Resources"].get_object()
        if "/Font" not in resources:
            resources[NameObject("/Font")] = DictionaryObject()
        resources["/Font"].get_object()[FONT] = font


def assemble(paths: list[Path], out: Path, *, header: str, outline: list[OutlineEntry]) -> int:
    """Merge `paths` in order into `out`; returns the page count."""
    writer = PdfWriter()
    for path in paths:
        writer.append(str(path), import_outline=False)
    _stamp(writer, header)
    for entry in outline:
        writer.add_outline_item(title=entry.title, page_number=entry.page_index)
    writer.page_mode = "/UseOutlines"
    with open(out, "wb") as handle:
        writer.write(handle)
    return len(writer.pages)
