from django.utils import timezone

from tests import factories

LIST = ("302 403 200 200 200 302", "302 403 405 405 405 302")
DETAIL = ("302 403 200 200 200 302", "302 403 405 405 405 302")
OFFICER_FORM = ("302 403 403 200 403 302", "302 403 403 200 403 302")
ACTION = ("302 403 405 405 403 302", "302 403 403 302 403 302")


def _risk(p):
    return {"pk": factories.risk(p["officer"]).pk}


def _risk_pk(p):
    return {"risk_pk": factories.risk(p["officer"]).pk}


def _action(p):
    from risks.services import create_treatment_action

    risk = factories.risk(p["officer"])
    action = create_treatment_action(risk, acting_user=p["officer"], description="Rate-limit the endpoint",
                           owner=p["officer"], due_date=timezone.localdate())
    return {"pk": action.pk}


def _assessment(p):
    return {"pk": factories.RiskAssessmentFactory(assessor=p["officer"]).pk}


def _threat(p):
    return {"pk": factories.ThreatFactory().pk}


def _control(p):
    from controls.models import Control

    return {"pk": Control.objects.get(ref="8.28").pk}


EXPECTED = {
    # An empty selection is a valid answer ("no risks"), so the officer's POST redirects.
    "risks:control-risks-edit": ("302 403 403 200 403 302", "302 403 403 302 403 302", _control),
    "risks:risk-list": (*LIST, None),
    "risks:risk-export": (*LIST, None),
    "risks:risk-create": (*OFFICER_FORM, None),
    "risks:risk-detail": (*DETAIL, _risk),
    "risks:risk-edit": (*OFFICER_FORM, _risk),
    "risks:risk-accept": (*OFFICER_FORM, _risk),
    "risks:risk-close": (*ACTION, _risk),
    "risks:action-create": (*OFFICER_FORM, _risk_pk),
    "risks:action-edit": (*OFFICER_FORM, _action),
    "risks:treatment-plan": (*LIST, None),
    "risks:coverage": (*LIST, None),
    "risks:assessment-list": (*LIST, None),
    "risks:assessment-create": (*OFFICER_FORM, None),
    "risks:assessment-detail": (*DETAIL, _assessment),
    "risks:assessment-submit": (*ACTION, _assessment),
    "risks:assessment-approve": (*ACTION, _assessment),
    "risks:threat-list": (*LIST, None),
    "risks:threat-create": (*OFFICER_FORM, None),
    "risks:threat-detail": (*DETAIL, _threat),
    "risks:threat-edit": (*OFFICER_FORM, _threat),
    "risks:threat-retire": (*ACTION, _threat),
    "risks:criteria-detail": (*LIST, None),
    "risks:criteria-edit": (*OFFICER_FORM, None),
}
