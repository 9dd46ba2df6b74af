from audits.models.nonconformities import CorrectiveAction, EffectivenessCheck, Nonconformity
from audits.models.programme import AuditProgramme, ChecklistItem, InternalAudit
from audits.models.reviews import ManagementReview, ReviewAction

__all__ = [
    "AuditProgramme", "ChecklistItem", "CorrectiveAction", "EffectivenessCheck", "InternalAudit",
    "ManagementReview", "Nonconformity", "ReviewAction",
]
