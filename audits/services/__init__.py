from audits.services.nonconformities import (
    close_blockers,
    close_nonconformity,
    create_corrective_action,
    raise_nonconformity,
    record_effectiveness_check,
    update_corrective_action,
    update_nonconformity,
)
from audits.services.programme import (
    create_audit_programme,
    create_internal_audit,
    independence_conflicts,
    report_internal_audit,
    start_internal_audit,
    update_audit_programme,
    update_checklist_item,
    update_internal_audit,
)
from audits.services.reviews import (
    approve_review,
    create_review,
    create_review_action,
    hold_review,
    prepare_review_inputs,
    update_review,
    update_review_action,
)

__all__ = [
    "approve_review", "close_blockers", "close_nonconformity", "create_audit_programme",
    "create_corrective_action", "create_internal_audit", "create_review", "create_review_action",
    "hold_review", "independence_conflicts", "prepare_review_inputs", "raise_nonconformity",
    "record_effectiveness_check", "report_internal_audit", "start_internal_audit",
    "update_audit_programme", "update_checklist_item", "update_corrective_action",
    "update_internal_audit", "update_nonconformity", "update_review", "update_review_action",
]
