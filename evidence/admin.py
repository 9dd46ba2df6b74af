from django.contrib import admin

from evidence.models import ApiToken, Evidence, EvidenceFile, EvidenceVersion
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
