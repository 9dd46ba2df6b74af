from evidence.models.items import Evidence, EvidenceFile, EvidenceVersion
from evidence.models.tokens import ApiToken

__all__ = ["ApiToken", "Evidence", "EvidenceFile", "EvidenceVersion"]
