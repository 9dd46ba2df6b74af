from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from assets.models import Asset
from controls.models import Control
from evidence.models import Evidence, EvidenceFile, EvidenceVersion
from risks.models import Risk

FRAMEWORK = "iso27001-2022"


class EvidenceFileSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")

    class Meta:
        model = EvidenceFile
        fields = ["id", "name", "sha256", "size", "content_type"]


class EvidenceVersionSerializer(serializers.ModelSerializer):
    files = EvidenceFileSerializer(many=True, read_only=True)
    created_by = serializers.StringRelatedField()

    class Meta:
        model = EvidenceVersion
        fields = ["number", "note", "created_by", "created_at", "files"]


class EvidenceSerializer(serializers.ModelSerializer):
    controls = serializers.SlugRelatedField(slug_field="ref", many=True, read_only=True)
    assets = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    risks = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    version = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "title",
            "description",
            "controls",
            "assets",
            "risks",
            "source",
            "effective_date",
            "valid_until",
            "review_status",
            "created_at",
            "version",
        ]

    def get_version(self, evidence) -> dict | None:
        latest = evidence.latest_versions[0] if evidence.latest_versions else None
        return EvidenceVersionSerializer(latest).data if latest else None


def _refs(value) -> list[str]:
    """Accept repeated fields and comma-separated values alike: controls=8.25,8.28."""
    return [part.strip() for item in value for part in item.split(",") if part.strip()]


class EvidenceCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    controls = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    assets = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    risks = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    files = serializers.ListField(child=serializers.FileField(allow_empty_file=True), allow_empty=False)
    effective_date = serializers.DateField(required=False)
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)

    def validate_controls(self, value):
        refs = _refs(value)
        found = {c.ref: c for c in Control.objects.in_framework(FRAMEWORK).filter(ref__in=refs)}
        unknown = [r for r in refs if r not in found]
        if unknown:
            raise serializers.ValidationError(f"Unknown control reference(s): {', '.join(unknown)}.")
        return [found[r] for r in dict.fromkeys(refs)]

    def validate_risks(self, value):
        found = {r.pk: r for r in Risk.objects.filter(pk__in=value)}
        unknown = [str(pk) for pk in value if pk not in found]
        if unknown:
            raise serializers.ValidationError(f"Unknown risk id(s): {', '.join(unknown)}.")
        return [found[pk] for pk in dict.fromkeys(value)]

    def validate_assets(self, value):
        names = _refs(value)
        found = {a.name: a for a in Asset.objects.filter(name__in=names)}
        unknown = [n for n in names if n not in found]
        if unknown:
            raise serializers.ValidationError(f"Unknown asset(s): {', '.join(unknown)}.")
        return [found[n] for n in dict.fromkeys(names)]


def django_errors(error: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(
        error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
    )
