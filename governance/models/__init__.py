from governance.models.objectives import Measurement, Objective
from governance.models.policies import Acknowledgement, Policy, PolicyVersion

__all__ = ["Acknowledgement", "Measurement", "Objective", "Policy", "PolicyVersion"]
