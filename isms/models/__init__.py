from isms.models.assets import Asset
from isms.models.audit import AuditEntry
from isms.models.auditor_access import AuditorAccess
from isms.models.engagements import AuditEngagement
from isms.models.scope import Scope, ScopeExclusion
from isms.models.training import Course, Person, TrainingRecord
from isms.models.users import User

__all__ = ["Asset", "AuditEngagement", "AuditEntry", "AuditorAccess", "Scope",
    "Course", "Person", "ScopeExclusion", "TrainingRecord", "User",
]
