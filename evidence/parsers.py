from django.http.multipartparser import MultiPartParser as DjangoMultiPartParser
from django.http.multipartparser import MultiPartParserError
from rest_framework.exceptions import ParseError
from rest_framework.parsers import DataAndFiles, MultiPartParser


class StrictDjangoMultiPartParser(DjangoMultiPartParser):
    """Django quietly reduces '../../x' to 'x'; a CI upload naming a path is refused instead,
    so that the client learns its mistake."""

    def sanitize_file_name(self, file_name):
        raw = (file_name or "").strip()
        if "/" in raw or "\\" in raw or raw.startswith(".") or "\x00" in raw:
            raise MultiPartParserError(f"file name {raw[:80]!r} is not a plain file name")
        return super().sanitize_file_name(file_name)


class StrictMultiPartParser(MultiPartParser):
    """DRF's multipart parser (same steps) with the strict file-name rule above."""

    def parse(self, stream, media_type=None, parser_context=None):
        request = parser_context["request"]
        meta = request.META.copy()
        meta["CONTENT_TYPE"] = media_type
        encoding = parser_context.get("encoding", None) or "utf-8"
        try:
            parser = StrictDjangoMultiPartParser(meta, stream, request.upload_handlers, encoding)
            return DataAndFiles(*parser.parse())
        except MultiPartParserError as exc:
            raise ParseError(f"Multipart form parse error - {exc}") from exc
