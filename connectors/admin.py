from django.contrib import admin

from connectors.models import Connector, ConnectorRun, PolicyTestSuite, PolicyTestSuiteVersion
from isms.admin import ReadOnlyModelAdmin


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
