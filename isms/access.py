"""The one permission mechanism: every view, API endpoint and service asks `can()`,
and every list is narrowed with `visible()`.

Rules, in order:
1. Anonymous and inactive users may do nothing.
2. Superusers (administrators) may do everything.
3. Auditors may only view, and only while one of their audit engagements is active.
4. Otherwise a model permission from the role's group allows the action on every row, and a
   guardian object permission allows it on that one row.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import models
from guardian.shortcuts import get_objects_for_user
from rest_framework.permissions import SAFE_METHODS, BasePermission

from isms.permission_cache import group_names
from isms.roles import AUDITOR, ROLE_BY_GROUP

READ_ACTIONS = {"view"}


def role_of(user) -> str | None:
    """The user's role (officer, engineer, auditor) or None; cached on the user object."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_isms_role"):
        names = group_names(user)
        user._isms_role = next((ROLE_BY_GROUP[n] for n in names if n in ROLE_BY_GROUP), None)
    return user._isms_role


# Whether an auditor's engagement window includes today: the auditors app, which keeps the
# engagements, registers the check when it loads (platform code never imports a domain app).
_engagement_check: Callable[[models.Model], bool] = lambda user: False  # noqa: E731


def register_engagement_check(check: Callable[[models.Model], bool]) -> None:
    global _engagement_check
    _engagement_check = check


def engagement_active(user) -> bool:
    """True when the user is an auditor on an engagement whose window includes today."""
    if not hasattr(user, "_isms_engagement_active"):
        user._isms_engagement_active = _engagement_check(user)
    return user._isms_engagement_active


def may_sign_in(user) -> bool:
    return role_of(user) != AUDITOR or engagement_active(user)


def _perm(action: str, model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def can(user, action: str, target: models.Model | type[models.Model] | None = None) -> bool:
    """May `user` do `action` ("view", "add", "change", "delete" or a custom Meta permission)
    on `target`: a model class (every row), a model instance (that row) or None (sign-in only)?"""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    role = role_of(user)
    if role == AUDITOR and (action not in READ_ACTIONS or not engagement_active(user)):
        return False
    if target is None:  # "may this user do this kind of thing at all?"
        return role is not None
    model = target if isinstance(target, type) else type(target)
    perm = _perm(action, model)
    if user.has_perm(perm):
        return True
    return not isinstance(target, type) and user.has_perm(perm, target)


def require(user, action: str, target: models.Model | type[models.Model] | None = None,
            message: str | None = None) -> None:
    """The services' guard: raise PermissionDenied (with `message`) unless can(user, action, target)."""
    if not can(user, action, target):
        raise PermissionDenied(message)


def require_own_or(user, action: str, target: models.Model, owner_id: int | None) -> None:
    """The person a row belongs to (the creator of an evidence item, the holder of a token) may
    act on it; anyone else needs `action` on it. Auditors never change anything."""
    if role_of(user) == AUDITOR or owner_id != user.pk:
        require(user, action, target)


def may_attach_evidence(user, target: models.Model) -> bool:
    """Whoever may change a control or an asset attaches evidence to it; engineers also to the
    controls assigned to them (an object permission on the control's Statement of
    Applicability row, `soa_entry`)."""
    if can(user, "change", target):
        return True
    entry = getattr(target, "soa_entry", None)
    return entry is not None and can(user, "attach_evidence", entry)


def may_request_report(user, model: type[models.Model], engagement) -> bool:
    """Reports that read the ISMS and change nothing in it (audit packs): whoever may add them,
    and an auditor for an active engagement of their own, the one thing an auditor may ask for."""
    if can(user, "add", model):
        return True
    return (
        role_of(user) == AUDITOR and can(user, "view", model) and engagement is not None
        and engagement.is_active() and engagement.auditors.filter(pk=user.pk).exists()
    )


def may_use_api_tokens(user) -> bool:
    """API tokens would skip the auditors' second factor: auditors use the web pages only."""
    return role_of(user) != AUDITOR


def _reach(user, model: type[models.Model], action: str) -> str:
    """Which rows of `model` `user` may do `action` on: "all", "none" or "granted" (guardian's
    per-object grants)."""
    if not user.is_authenticated or not user.is_active:
        return "none"
    if user.is_superuser:
        return "all"
    if role_of(user) == AUDITOR and (action not in READ_ACTIONS or not engagement_active(user)):
        return "none"
    return "all" if user.has_perm(_perm(action, model)) else "granted"


def sees_every_row(user, model: type[models.Model], action: str = "view") -> bool:
    """Does `visible()` give `user` every row of `model`, by role rather than by per-object
    grants? What such a user sees then depends on the data alone (isms/trail_memo.py)."""
    return _reach(user, model, action) == "all"


def visible(queryset: models.QuerySet, user, action: str = "view") -> models.QuerySet:
    """The rows of `queryset` on which `user` may do `action`, as a queryset (a subquery).
    A model with an `auditor_scope` lookup (packs: "engagement__auditors") shows auditors only
    the rows of their own engagements."""
    reach = _reach(user, queryset.model, action)
    scope = getattr(queryset.model, "auditor_scope", None)
    if scope and reach != "none" and not user.is_superuser and role_of(user) == AUDITOR:
        queryset = queryset.filter(**{scope: user})
    if reach == "all":
        return queryset
    if reach == "none":
        return queryset.none()
    return get_objects_for_user(
        user, _perm(action, queryset.model), klass=queryset, accept_global_perms=False
    )


class AccessQuerySet(models.QuerySet):
    """Base QuerySet of every domain model."""

    def visible_to(self, user, action: str = "view") -> models.QuerySet:
        return visible(self, user, action)


class ActionPermission(BasePermission):
    """DRF permission class: maps the HTTP method to an action and asks `can()`.

    Creating and reading need the model-level permission; changing and deleting may also be
    allowed per object (guardian), so those are decided in has_object_permission."""

    method_actions = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}

    def _action(self, request) -> str:
        return "view" if request.method in SAFE_METHODS else self.method_actions[request.method]

    def _model(self, view) -> type[models.Model] | None:
        # Views without a queryset (the OpenAPI schema) only need a signed-in role.
        queryset = getattr(view, "queryset", None)
        return None if queryset is None else queryset.model

    def has_permission(self, request, view) -> bool:
        action = self._action(request)
        # Change and delete may be granted per object: only the role is checked here.
        target = None if action in ("change", "delete") else self._model(view)
        return can(request.user, action, target)

    def has_object_permission(self, request, view, obj) -> bool:
        return can(request.user, self._action(request), obj)
