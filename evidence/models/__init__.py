from evidence.models.connectors import Connector, ConnectorRun, PolicyTestSuite, PolicyTestSuiteVersion
from evidence.models.items import Evidence, EvidenceFile, EvidenceVersion
from evidence.models.tokens import ApiToken

__all__ = [
    "ApiToken", "Connector", "ConnectorRun", "Evidence", "EvidenceFile", "EvidenceVersion",
    "PolicyTestSuite", "PolicyTestSuiteVersion",
]
