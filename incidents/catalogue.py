"""The default breach-notification regimes. Reference data every database needs (test
databases flushed between tests too): loaded after every migrate, idempotently, keyed by code,
so officers may rename or retune a seeded regime without it coming back."""

DEFAULT_REGIMES = [
    {
        "code": "gdpr-art33-authority",
        "name": "GDPR art. 33 – supervisory authority",
        "legal_reference": "GDPR art. 33(1)",
        "recipient_kind": "authority",
        "deadline_hours": 72,
        "applies_when": "always",
        "reminder_hours": [48, 24, 6],
    },
    {
        "code": "gdpr-art34-subjects",
        "name": "GDPR art. 34 – data subjects",
        "legal_reference": "GDPR art. 34(1)",
        "recipient_kind": "data_subjects",
        "deadline_hours": None,  # without undue delay
        "applies_when": "high_risk",
        "reminder_hours": [],
    },
    {
        "code": "hipaa-individuals",
        "name": "HIPAA breach notification – individuals",
        "legal_reference": "45 CFR 164.404",
        "recipient_kind": "data_subjects",
        "deadline_hours": 1440,  # 60 days
        "applies_when": "always",
        "reminder_hours": [336, 168, 48],
        "active": False,  # only for organisations holding US protected health information
    },
]


def regimes_seed(regime_model=None) -> int:
    """Create the default regimes that are missing; returns how many were created."""
    if regime_model is None:
        from incidents.models import NotificationRegime as regime_model
    created = 0
    for fields in DEFAULT_REGIMES:
        _, was_created = regime_model.objects.get_or_create(
            code=fields["code"], defaults={**fields, "is_seeded": True})
        created += was_created
    return created
