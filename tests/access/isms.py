import datetime

from tests import factories


def _asset(personas) -> dict:
    """An asset owned by someone else than the engineer persona (so engineers may not edit it)."""
    return {"pk": factories.AssetFactory(owner=personas["officer"]).pk}


def _scope(status: str):
    def build(personas) -> dict:
        return {"pk": factories.ScopeFactory(status=status, created_by=personas["officer"]).pk}

    return build


def _person(personas) -> dict:
    return {"pk": factories.PersonFactory().pk}


def _record(personas) -> dict:
    record = factories.training_record(factories.PersonFactory(), factories.CourseFactory(),
                                       datetime.date(2026, 1, 15))
    return {"pk": record.pk}


def _course(personas) -> dict:
    return {"pk": factories.CourseFactory().pk}


EXPECTED = {
    "dashboard": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    "audittrail-list": ("302 403 403 200 200 302", "302 403 403 405 405 302", None),
    "audittrail-verify": ("302 403 403 200 200 302", "302 403 403 405 405 302", None),
    "login": ("200 302 302 302 302 302", "200 302 302 302 302 302", None),
    "logout": ("405 405 405 405 405 302", "302 302 302 302 302 302", None),
    "healthz": ("200 200 200 200 200 302", "405 405 405 405 405 302", None),
    # Assets (issue #3). Engineers may create assets (they own them) but not edit others'.
    "assets:asset-list": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    "assets:asset-detail": ("302 403 200 200 200 302", "302 403 405 405 405 302", _asset),
    "assets:asset-create": ("302 403 200 200 403 302", "302 403 200 200 403 302", None),
    "assets:asset-edit": ("302 403 403 200 403 302", "302 403 403 200 403 302", _asset),
    "assets:asset-import": ("302 403 403 200 403 302", "302 403 403 200 403 302", None),
    "assets:asset-mlbom": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    "assets:asset-export": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    # The asset search-select's <option>s: read-only, for everyone who may view assets.
    "assets:asset-choices": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    # Scope (clause 4.3): officers draft, edit and approve; everyone with a role reads.
    "assets:scope-list": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    "assets:scope-diff": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    "assets:scope-detail": ("302 403 200 200 200 302", "302 403 405 405 405 302", _scope("approved")),
    "assets:scope-create": ("302 403 403 405 403 302", "302 403 403 302 403 302", None),
    "assets:scope-edit": ("302 403 403 200 403 302", "302 403 403 200 403 302", _scope("draft")),
    "assets:scope-approve": ("302 403 405 405 403 302", "302 403 403 302 403 302", _scope("draft")),
    # Training (issue #8): officers manage; engineers see only their own records and the courses.
    "training:training-matrix": ("302 403 403 200 200 302", "302 403 403 405 405 302", None),
    "training:my-training": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    "training:person-list": ("302 403 403 200 200 302", "302 403 403 405 405 302", None),
    "training:person-create": ("302 403 403 200 403 302", "302 403 403 200 403 302", None),
    # People and records are invisible to engineers: object pages answer 404 for them.
    "training:person-detail": ("302 403 404 200 200 302", "302 403 405 405 405 302", _person),
    "training:person-edit": ("302 403 404 200 403 302", "302 403 404 200 403 302", _person),
    "training:training-record-edit": ("302 403 404 200 403 302", "302 403 404 200 403 302", _record),
    "training:training-record-delete": ("302 403 405 405 403 302", "302 403 404 302 403 302", _record),
    "training:course-list": ("302 403 200 200 200 302", "302 403 405 405 405 302", None),
    "training:course-create": ("302 403 403 200 403 302", "302 403 403 200 403 302", None),
    "training:course-edit": ("302 403 403 200 403 302", "302 403 403 200 403 302", _course),
    "training:training-record-create": ("302 403 403 200 403 302", "302 403 403 200 403 302", None),
    "training:training-import": ("302 403 403 200 403 302", "302 403 403 200 403 302", None),
}
