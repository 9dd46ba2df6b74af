from tests.audits import make

LIST = ("302 403 200 200 200 302", "302 403 405 405 405 302")
DETAIL = LIST
OFFICER_FORM = ("302 403 403 200 403 302", "302 403 403 200 403 302")
ACTION = ("302 403 405 405 403 302", "302 403 403 302 403 302")


def _programme(p):
    return {"pk": make.programme(p["officer"]).pk}


def _audit(p):
    return {"pk": make.audit(p["officer"]).pk}


def _item(p):
    return {"pk": make.audit(p["officer"]).items.first().pk}


def _nc(p):
    return {"pk": make.nonconformity(p["officer"]).pk}


def _nc_pk(p):
    return {"nc_pk": make.nonconformity(p["officer"]).pk}


def _action(p):
    return {"pk": make.corrective_action(p["officer"], owner=p["officer"]).pk}


def _review(p):
    return {"pk": make.review(p["officer"]).pk}


def _review_pk(p):
    return {"review_pk": make.review(p["officer"]).pk}


def _review_action(p):
    return {"pk": make.review_action(p["officer"], owner=p["officer"]).pk}


EXPECTED = {
    "audits:audit-list": (*LIST, None),
    "audits:audit-create": (*OFFICER_FORM, None),
    "audits:audit-detail": (*DETAIL, _audit),
    "audits:audit-edit": (*OFFICER_FORM, _audit),
    "audits:audit-start": (*ACTION, _audit),
    "audits:audit-report": (*OFFICER_FORM, _audit),
    "audits:item-edit": (*OFFICER_FORM, _item),
    "audits:programme-list": (*LIST, None),
    "audits:programme-create": (*OFFICER_FORM, None),
    "audits:programme-detail": (*DETAIL, _programme),
    "audits:programme-edit": (*OFFICER_FORM, _programme),
    "audits:nc-list": (*LIST, None),
    "audits:nc-create": (*OFFICER_FORM, None),
    "audits:nc-detail": (*DETAIL, _nc),
    "audits:nc-edit": (*OFFICER_FORM, _nc),
    "audits:nc-close": (*ACTION, _nc),
    "audits:action-create": (*OFFICER_FORM, _nc_pk),
    "audits:check-create": (*OFFICER_FORM, _nc_pk),
    "audits:action-edit": (*OFFICER_FORM, _action),
    "audits:review-list": (*LIST, None),
    "audits:review-create": (*OFFICER_FORM, None),
    "audits:review-detail": (*DETAIL, _review),
    "audits:review-pdf": (*DETAIL, _review),
    "audits:review-edit": (*OFFICER_FORM, _review),
    "audits:review-prepare": (*ACTION, _review),
    "audits:review-hold": (*ACTION, _review),
    "audits:review-approve": (*ACTION, _review),
    "audits:reviewaction-create": (*OFFICER_FORM, _review_pk),
    "audits:reviewaction-edit": (*OFFICER_FORM, _review_action),
}
