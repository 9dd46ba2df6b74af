from django.contrib import admin

from evidence.models import (
    ApiToken,
    Connector,
    ConnectorRun,
    Evidence,
    EvidenceFile,
    EvidenceVersion,
    PolicyTestSuite,
    PolicyTestSuiteVersion,
)
from isms.admin import ReadOnlyModelAdmin


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyModelAdmin):
    """Evidence changes through its services (hashing, append-only versions, permissions)."""

    list_display = ["title", "source", "effective_date", "valid_until", "review_status"]
    list_filter = ["source", "review_status"]


@admin.register(EvidenceVersion)
class EvidenceVersionAdmin(ReadOnlyModelAdmin):
    list_display = ["evidence", "number", "created_by", "created_at"]
    list_select_related = ["evidence", "created_by"]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(ReadOnlyModelAdmin):
    list_display = ["original_name", "version", "size", "content_type", "sha256"]
    list_select_related = ["version__evidence"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_select_related = ["user"]


@admin.register(Connector)
class ConnectorAdmin(ReadOnlyModelAdmin):
    """Connectors change through their services (encrypted secret, config checks)."""

    list_display = ["name", "kind", "enabled", "interval_minutes", "last_status", "last_run_at"]
    list_filter = ["kind", "enabled", "last_status"]
    exclude = ["secret_encrypted"]


@admin.register(ConnectorRun)
class ConnectorRunAdmin(ReadOnlyModelAdmin):
    list_display = ["connector", "status", "trigger", "attempts", "started_at", "finished_at", "policy_allow"]
    list_filter = ["status", "trigger"]
    list_select_related = ["connector"]


@admin.register(PolicyTestSuite)
class PolicyTestSuiteAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "created_by", "created_at"]


@admin.register(PolicyTestSuiteVersion)
class PolicyTestSuiteVersionAdmin(ReadOnlyModelAdmin):
    list_display = ["suite", "number", "created_by", "created_at"]
    list_select_related = ["suite", "created_by"]
