"""Policies and objectives (issue #9): officers edit and approve; engineers read, acknowledge
for themselves and measure the objectives they own; auditors read only."""

import datetime

from django.utils import timezone

from governance.models import Objective, Policy, PolicyVersion


def _policy(personas) -> Policy:
    return Policy.objects.create(
        title="Acceptable use of SLMs", owner=personas["officer"],
        next_review_date=timezone.localdate() + datetime.timedelta(days=90),
    )


def _version(status: str):
    def build(personas) -> dict:
        officer = personas["officer"]
        approved = status == "approved"
        version = PolicyVersion.objects.create(
            policy=_policy(personas), number=1, text="Use approved endpoints only.", status=status,
            created_by=officer, approved_by=officer if approved else None,
            approved_at=timezone.now() if approved else None,
        )
        return {"pk": version.pk}

    return build


def _policy_kwargs(personas) -> dict:
    return {"pk": _policy(personas).pk}


def _version_policy(personas) -> dict:
    """A policy with an approved version (a review needs one)."""
    version = PolicyVersion.objects.get(pk=_version("approved")(personas)["pk"])
    return {"pk": version.policy_id}


def _objective(metric: str = ""):
    def build(personas) -> dict:
        objective = Objective.objects.create(
            title="Implement Annex A", measure="Share implemented", target_value=90, unit="%",
            owner=personas["officer"], due_date=timezone.localdate(), metric=metric,
        )
        return {"pk": objective.pk}

    return build


READ = ("302 403 200 200 200 302", "302 403 405 405 405 302")
OFFICER_FORM = ("302 403 403 200 403 302", "302 403 403 200 403 302")
OFFICER_ACTION = ("302 403 405 405 403 302", "302 403 403 302 403 302")

EXPECTED = {
    "governance:policy-list": (*READ, None),
    "governance:my-policies": (*READ, None),
    "governance:policy-detail": (*READ, _policy_kwargs),
    "governance:policy-create": (*OFFICER_FORM, None),
    "governance:policy-edit": (*OFFICER_FORM, _policy_kwargs),
    "governance:policy-review": (*OFFICER_ACTION, _version_policy),
    "governance:policyversion-create": (*OFFICER_FORM, _policy_kwargs),
    "governance:policyversion-edit": (*OFFICER_FORM, _version("draft")),
    "governance:policyversion-approve": (*OFFICER_ACTION, _version("draft")),
    # Engineers may acknowledge for themselves (without a linked person: a message, no row).
    "governance:policyversion-acknowledge": (
        "302 403 405 405 403 302", "302 403 302 302 403 302", _version("approved")),
    "governance:acknowledgement-record": (*OFFICER_FORM, _version("approved")),
    "governance:objective-list": (*READ, None),
    "governance:objective-detail": (*READ, _objective()),
    "governance:objective-create": (*OFFICER_FORM, None),
    "governance:objective-edit": (*OFFICER_FORM, _objective()),
    # The engineer persona does not own this objective (owners get a guardian grant).
    "governance:measurement-create": (*OFFICER_FORM, _objective()),
    "governance:objective-measure-now": (*OFFICER_ACTION, _objective("annex_a_implemented")),
}
