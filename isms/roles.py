"""Roles are Django groups with model permissions; guardian object permissions narrow them.

This module is the one place that says which role holds which model permission.
`roles_sync()` converges the groups to it and runs after every migrate.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission

OFFICER = "officer"
ENGINEER = "engineer"
AUDITOR = "auditor"

GROUP_NAMES = {
    OFFICER: "Compliance officers",
    ENGINEER: "Engineers",
    AUDITOR: "External auditors",
}
ROLE_BY_GROUP = {name: role for role, name in GROUP_NAMES.items()}

DOMAIN_APPS = ("isms", "auditors", "assets", "controls", "risks", "evidence", "connectors", "training",
               "governance", "incidents", "audits", "packs")

# Models whose rows nobody edits through the product, officers included.
READ_ONLY_MODELS = {"isms.auditentry", "auditors.auditoraccess"}
# Models engineers do not see at all.
HIDDEN_FROM_ENGINEERS = {"isms.auditentry", "auditors.auditengagement", "isms.user", "evidence.apitoken",
    "training.person", "training.trainingrecord",  # engineers see only their own records (my-training)
    "governance.acknowledgement",  # who acknowledged what: people records, like training
    "auditors.auditoraccess",
    # engineers see the incidents they reported or own (guardian grants), nothing else of the app
    "incidents.incident", "incidents.timelineentry", "incidents.notification", "incidents.notificationclock",
    "incidents.notificationregime", "incidents.clockreminder", "incidents.riskreassessment",
    "packs.auditpack",  # packs are for officers and the auditors of their engagement
}
# Model-level permissions engineers hold beyond "view"; per-object grants come from guardian.
# Engineers create assets (they become their owners) and add evidence, limited to the
# controls assigned to them and the assets they own.
ENGINEER_GRANTS: set[str] = {"assets.add_asset", "evidence.add_evidence"}
# Engineers acknowledge policies for themselves (the service only lets them use their own person).
ENGINEER_GRANTS |= {"governance.acknowledge_policyversion"}


def _domain_permissions() -> list[Permission]:
    models = [m for app in DOMAIN_APPS for m in apps.get_app_config(app).get_models()]
    return list(
        Permission.objects.filter(
            content_type__app_label__in=DOMAIN_APPS,
            content_type__model__in=[m._meta.model_name for m in models],
        ).select_related("content_type")
    )


def _label(perm: Permission) -> str:
    return f"{perm.content_type.app_label}.{perm.codename}"


def _model_label(perm: Permission) -> str:
    return f"{perm.content_type.app_label}.{perm.content_type.model}"


def permissions_for(role: str, perms: list[Permission]) -> list[Permission]:
    """The model permissions a role's group holds."""
    chosen = []
    for perm in perms:
        model = _model_label(perm)
        is_view = perm.codename.startswith("view_")
        if role == OFFICER:
            keep = is_view or model not in READ_ONLY_MODELS
        elif role == ENGINEER:
            keep = model not in HIDDEN_FROM_ENGINEERS and (is_view or _label(perm) in ENGINEER_GRANTS)
        else:  # auditors read everything and change nothing
            keep = is_view
        if keep:
            chosen.append(perm)
    return chosen


def roles_sync() -> None:
    """Create the role groups and set exactly their permissions (idempotent)."""
    perms = _domain_permissions()
    for role, name in GROUP_NAMES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions_for(role, perms))


def roles_sync_after_migrate(sender, **kwargs) -> None:
    # post_migrate fires per app and each app's permissions are created in its own turn,
    # so converge after each domain app (cheap and idempotent).
    if sender.name in DOMAIN_APPS:
        roles_sync()
