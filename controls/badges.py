"""The SoA badges, written once in Python: the Django templates (controls_tags) and the
Jinja2 row partial of the SoA (isms/jinja.py) both call these. There are a handful of distinct
badges, so each is built once per process."""

from functools import lru_cache

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


@lru_cache(maxsize=32)
def _status(key: str, label: str) -> SafeString:
    return format_html('<span class="badge soa-status soa-status-{}">{}</span>', key, label)


@lru_cache(maxsize=8)
def _applicable(label: str) -> SafeString:
    return format_html('<span class="badge soa-applicable-{}">{}</span>', label.lower(), label)


def status_badge(entry) -> SafeString:
    return _status(entry.status_key, entry.status_label)


def applicable_badge(entry) -> SafeString:
    return _applicable(entry.applicability_label)


CHECK_BADGES = {
    "pass": ' <span class="badge text-bg-success" data-testid="check-pass">automated check passed</span>',
    "fail": ' <span class="badge text-bg-danger" data-testid="check-fail">automated check failed</span>',
}


def automated_check_badge(entry) -> SafeString:
    return mark_safe(CHECK_BADGES.get(entry.automated_check_status, ""))  # noqa: S308 - constants
