from audits.services.nonconformities import (
    close_blockers,
    corrective_action_create,
    corrective_action_update,
    effectiveness_check_record,
    nc_close,
    nc_raise,
    nc_update,
)
from audits.services.programme import (
    audit_create,
    audit_report,
    audit_start,
    audit_update,
    checklist_item_update,
    independence_conflicts,
    programme_create,
    programme_update,
)
from audits.services.reviews import (
    review_action_create,
    review_action_update,
    review_approve,
    review_create,
    review_hold,
    review_inputs_prepare,
    review_update,
)

__all__ = [
    "audit_create", "audit_report", "audit_start", "audit_update", "checklist_item_update",
    "close_blockers", "corrective_action_create", "corrective_action_update",
    "effectiveness_check_record", "independence_conflicts", "nc_close", "nc_raise", "nc_update",
    "programme_create", "programme_update", "review_action_create", "review_action_update",
    "review_approve", "review_create", "review_hold", "review_inputs_prepare", "review_update",
]
