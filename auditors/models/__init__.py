from auditors.models.access_log import AuditorAccess
from auditors.models.engagements import AuditEngagement

__all__ = ["AuditEngagement", "AuditorAccess"]
