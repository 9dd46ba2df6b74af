"""The navigation bar: each entry is shown only to users who may view its model.

Entries sit in menus (dropdowns) so the bar stays short as apps are added; the most used
pages stay at the top level, where a menu name of None puts them."""

from functools import cache

from django.apps import apps
from django.urls import NoReverseMatch, get_script_prefix, reverse

from isms.access import can, role_of

# (menu or None for the top level, label, url name, model label or None for any user with a role)
# Entries whose URL does not exist yet are skipped, so apps can be wired one by one.
NAVIGATION = [
    (None, "Dashboard", "dashboard", None),
    ("Context", "Scope", "assets:scope-list", "assets.Scope"),
    ("Context", "Threat library", "risks:threat-list", "risks.Threat"),
    (None, "Assets", "assets:asset-list", "assets.Asset"),
    (None, "Risks", "risks:risk-list", "risks.Risk"),
    (None, "SoA", "controls:soa-list", "controls.SoAEntry"),
    (None, "Evidence", "evidence:evidence-list", "evidence.Evidence"),
    ("Governance", "Policies", "governance:policy-list", "governance.Policy"),
    ("Governance", "My policies", "governance:my-policies", "governance.Policy"),
    ("Governance", "Objectives", "governance:objective-list", "governance.Objective"),
    ("Governance", "Training", "training:training-matrix", "training.TrainingRecord"),
    # Any role: engineers see the incidents they reported or own.
    ("Operations", "Incidents", "incidents:incident-list", None),
    ("Operations", "Breach notification regimes", "incidents:regime-list", "incidents.NotificationRegime"),
    ("Operations", "Connectors", "connectors:connector-list", "connectors.Connector"),
    ("Operations", "SLM test suites", "connectors:suite-list", "connectors.PolicyTestSuite"),
    ("Assurance", "Internal audits", "audits:audit-list", "audits.InternalAudit"),
    ("Assurance", "Nonconformities", "audits:nc-list", "audits.Nonconformity"),
    ("Assurance", "Management reviews", "audits:review-list", "audits.ManagementReview"),
    ("Assurance", "Audit engagements", "auditors:engagement-list", "auditors.AuditEngagement"),
    ("Assurance", "Audit trail", "audittrail-list", "isms.AuditEntry"),
    ("Assurance", "Audit packs", "packs:pack-list", "packs.AuditPack"),
]


@cache
def _entries(script_prefix: str) -> list[tuple]:
    """NAVIGATION with models and URLs resolved, once per process (and script prefix): the
    bar is on every page, and 22 reverse() calls cost more than the rest of it."""
    resolved = []
    for menu, label, url_name, model_label in NAVIGATION:
        try:
            target = apps.get_model(model_label) if model_label else None
            url = reverse(url_name)
        except (LookupError, NoReverseMatch):  # an app that is not wired yet
            continue
        resolved.append((menu, label, url, target))
    return resolved


def _is_active(request, url: str) -> bool:
    return request.path == "/" if url == "/" else request.path.startswith(url)


def navigation(request) -> dict:
    """Top-level items and menus, in the order of their first entry in NAVIGATION."""
    user = request.user
    if not user.is_authenticated:
        return {}
    items, menus = [], {}
    for menu, label, url, target in _entries(get_script_prefix()):
        if not can(user, "view", target):
            continue
        entry = {"label": label, "url": url, "active": _is_active(request, url)}
        if menu is None:
            items.append(entry)
        elif menu in menus:
            menus[menu]["entries"].append(entry)
        else:
            menus[menu] = {"label": menu, "entries": [entry]}
            items.append(menus[menu])
    for item in items:
        if "entries" in item:
            item["active"] = any(entry["active"] for entry in item["entries"])
    return {"nav_items": items, "user_role": role_of(user)}
