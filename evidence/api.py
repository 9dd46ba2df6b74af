"""REST API for CI pipelines: create evidence with a multipart upload, list evidence and controls."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import OuterRef, Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser
from rest_framework.response import Response

from controls.models import SoAEntry
from evidence import services
from evidence.models import Evidence, EvidenceVersion
from evidence.parsers import StrictMultiPartParser
from evidence.serializers import (
    FRAMEWORK,
    EvidenceCreateSerializer,
    EvidenceSerializer,
    django_errors,
)
from isms.access import visible
from isms.counting import SubqueryCount


class VisibleQuerysetMixin:
    def get_queryset(self):
        return visible(super().get_queryset(), self.request.user)


class EvidenceListCreate(VisibleQuerysetMixin, generics.ListCreateAPIView):
    queryset = Evidence.objects.prefetch_related(
        "controls",
        "assets",
        "risks",
        Prefetch(
            "versions",
            queryset=EvidenceVersion.objects.prefetch_related("files").select_related("created_by"),
            to_attr="latest_versions",
        ),
    ).order_by("-created_at")
    serializer_class = EvidenceSerializer
    parser_classes = [StrictMultiPartParser, FormParser]

    @extend_schema(request=EvidenceCreateSerializer, responses={201: EvidenceSerializer})
    def post(self, request, *args, **kwargs):
        incoming = EvidenceCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        data.setdefault("effective_date", timezone.localdate())
        try:
            evidence = services.create_evidence(acting_user=request.user, source=Evidence.Source.API, **data)
        except DjangoPermissionDenied as denied:
            raise PermissionDenied(str(denied) or None) from denied
        except DjangoValidationError as error:
            raise django_errors(error) from error
        return Response(
            EvidenceSerializer(self.get_queryset().get(pk=evidence.pk)).data, status=status.HTTP_201_CREATED
        )


class SoAEntrySerializer(serializers.ModelSerializer):
    """One Statement of Applicability row, as a CI pipeline needs it."""

    ref = serializers.CharField(source="control.ref")
    title = serializers.CharField(source="control.title")
    theme = serializers.CharField(source="control.theme")
    owner = serializers.StringRelatedField()
    valid_evidence = serializers.IntegerField()

    class Meta:
        model = SoAEntry
        fields = [
            "ref", "title", "theme", "applicable", "implementation_status", "owner",
            "automated_check_status", "valid_evidence",
        ]


class SoAList(VisibleQuerysetMixin, generics.ListAPIView):
    # valid_evidence: evidence items of the control that are neither rejected nor expired.
    queryset = SoAEntry.objects.for_listing().in_catalogue_order().filter(
        control__framework__code=FRAMEWORK
    ).annotate(valid_evidence=SubqueryCount(Evidence.objects.filter(controls=OuterRef("control_id")).valid()))
    serializer_class = SoAEntrySerializer
