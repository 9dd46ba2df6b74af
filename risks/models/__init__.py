from risks.models.assessments import RiskAssessment
from risks.models.criteria import RiskCriteria
from risks.models.register import Risk
from risks.models.threats import Threat
from risks.models.treatment import RiskAcceptance, TreatmentAction

__all__ = ["Risk", "RiskAcceptance", "RiskAssessment", "RiskCriteria", "Threat", "TreatmentAction"]
