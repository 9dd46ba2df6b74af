"""The navigation bar: each entry is shown only to users who may view its model."""

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from isms.access import can, role_of

# (label, url name, model label or None for any signed-in user with a role)
# Entries whose URL does not exist yet are skipped, so apps can be wired one by one.
NAVIGATION = [
    ("Dashboard", "dashboard", None),
    ("Scope", "scope-list", "isms.Scope"),
    ("Assets", "asset-list", "isms.Asset"),
    ("Risks", "risks:risk-list", "risks.Risk"),
    ("Threats", "risks:threat-list", "risks.Threat"),
    ("SoA", "controls:soa-list", "controls.SoAEntry"),
    ("Evidence", "evidence:evidence-list", "evidence.Evidence"),
    ("Training", "training-matrix", "isms.TrainingRecord"),
    ("Audit trail", "audittrail-list", "isms.AuditEntry"),
]


def navigation(request) -> dict:
    user = request.user
    if not user.is_authenticated:
        return {}
    items = []
    for label, url_name, model_label in NAVIGATION:
        try:
            target = apps.get_model(model_label) if model_label else None
            url = reverse(url_name)
        except (LookupError, NoReverseMatch):  # an app that is not wired yet
            continue
        if not can(user, "view", target):
            continue
        items.append({"label": label, "url": url, "active": request.path.startswith(url)
                      if url != "/" else request.path == "/"})
    return {"nav_items": items, "user_role": role_of(user)}
