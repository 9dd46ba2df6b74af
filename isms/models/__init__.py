from isms.models.audit import AuditEntry
from isms.models.engagements import AuditEngagement
from isms.models.users import User

__all__ = ["AuditEngagement", "AuditEntry", "User"]
