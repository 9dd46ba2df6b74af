"""The navigation bar: each entry is shown only to users who may view its model."""

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from isms.access import can, role_of

# (label, url name, model label or None for any signed-in user with a role)
NAVIGATION = [
    ("Dashboard", "dashboard", None),
    ("Audit trail", "audittrail-list", "isms.AuditEntry"),
]


def navigation(request) -> dict:
    user = request.user
    if not user.is_authenticated:
        return {}
    items = []
    for label, url_name, model_label in NAVIGATION:
        target = apps.get_model(model_label) if model_label else None
        if not can(user, "view", target):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:  # entry of an app that is not wired yet
            continue
        items.append({"label": label, "url": url, "active": request.path.startswith(url)
                      if url != "/" else request.path == "/"})
    return {"nav_items": items, "user_role": role_of(user)}
