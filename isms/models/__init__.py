from isms.models.append_only import AppendOnlyModel
from isms.models.trail import AuditEntry
from isms.models.users import User

__all__ = ["AppendOnlyModel", "AuditEntry", "User"]
