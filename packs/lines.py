"""The records of the pack's two longest listings, each as one line of plain text.

The evidence index (7,000+ lines) and the risk register print every record as one block of
text with no inline markup, which keeps WeasyPrint's layout cheap (see pack.css). Formatting
those lines here instead of in the templates saves the build process about 2 CPU-seconds of
Django's per-variable template machinery (measured on the benchmark workload). The output is
what the templates printed: the same fields, order and date format."""

import datetime

from django.utils import timezone

from packs.evidence_files import PackFile

SEP = " · "
ACCEPTANCE = {"not_needed": "within appetite", "needed": "ACCEPTANCE NEEDED", "stale": "stale: re-accept"}


def _day(value: datetime.date | None) -> str:
    """YYYY-MM-DD; aware datetimes in the site's time zone, as the `date` filter prints them."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value:%Y-%m-%d}"


def _person(user) -> str:
    return user.get_full_name() or user.username


def evidence_line(f: PackFile) -> str:
    """Evidence (version) · path in the bundle · source · collected · valid until · review · SHA-256."""
    return SEP.join([
        f"{f.evidence_title} (v{f.version})", f.arcname, f.source, _day(f.collected_at),
        _day(f.valid_until) or "no expiry", f.review_status, f.sha256,
    ])


def risk_line(risk) -> str:
    """Risk · threat · assets · inherent score → treatment → residual score · owner · acceptance."""
    threat = risk.threat.name + (f" ({risk.threat.reference})" if risk.threat.reference else "")
    scores = (
        f"{risk.inherent_likelihood}×{risk.inherent_impact}={risk.inherent_score} {risk.inherent_level}"
        f" → {risk.treatment} → "
        f"{risk.residual_likelihood}×{risk.residual_impact}={risk.residual_score} {risk.residual_level}"
    )
    return SEP.join([
        risk.title, threat, ", ".join(str(asset) for asset in risk.assets.all()) or "no assets", scores,
        _person(risk.owner), ACCEPTANCE.get(risk.acceptance_state, "accepted"),
    ])
