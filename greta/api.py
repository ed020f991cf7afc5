"""REST API of the greta app, with the same role rules as the pages."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import HasCapability
from accounts.roles import Capability
from greta.filters import AssessmentFilter, ProgressUpdateFilter, RecommendationFilter
from greta.models import Assessment, ProgressUpdate, Recommendation
from greta.reports import ReportOptions, export_response
from greta.selectors import recommendations_with_status
from greta.serializers import (
    AssessmentSerializer,
    ExportQuerySerializer,
    ProgressUpdateSerializer,
    RecommendationSerializer,
    ReviewSerializer,
)
from greta.services import EvidenceLink, progress_update_create, progress_update_review

CanView = HasCapability.for_(Capability.VIEW_RECOMMENDATIONS)
CanPropose = HasCapability.for_(Capability.PROPOSE_PROGRESS)
CanManage = HasCapability.for_(Capability.MANAGE_RECOMMENDATIONS)


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Assessment.objects.order_by("-published_on", "country", "pk")
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    ordering_fields = ["published_on", "country"]
    permission_classes = [CanView]


class RecommendationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilter
    ordering_fields = ["position", "next_update_due", "created_at"]
    permission_classes = [CanView]

    def get_queryset(self):
        user = self.request.user
        recommendations = (
            Recommendation.objects.visible_to(user)
            .with_list_relations()
            .order_by("assessment_id", "position", "pk")
        )
        return recommendations_with_status(
            recommendations, ProgressUpdate.objects.counted_for(user), timezone.localdate()
        )


class ProgressUpdateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Updates are append-only: list, read and add; no change or delete."""

    serializer_class = ProgressUpdateSerializer
    filterset_class = ProgressUpdateFilter
    ordering_fields = ["reporting_date", "created_at"]
    permission_classes = [CanView]

    def get_permissions(self):
        if self.action == "create":
            return [CanPropose()]
        if self.action == "review":
            return [CanManage()]
        return super().get_permissions()

    def get_queryset(self):
        return (
            ProgressUpdate.objects.visible_to(self.request.user)
            .select_related("reporting_institution")
            .prefetch_related("evidence")
            .order_by("-reporting_date", "-created_at", "-pk")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        recommendation = data["recommendation"]
        if (
            not Recommendation.objects.proposable_by(request.user)
            .filter(pk=recommendation.pk)
            .exists()
        ):
            raise NotFound()
        try:
            update = progress_update_create(
                recommendation=recommendation,
                user=request.user,
                reporting_date=data["reporting_date"],
                status=data["status"],
                measures=data["measures"],
                measures_language=data.get("measures_language", "sq"),
                visibility=data.get("visibility", ProgressUpdate.Visibility.INTERNAL),
                reporting_institution=data.get("reporting_institution"),
                evidence=[EvidenceLink(**item) for item in data.get("evidence", [])],
                confirm=data.get("confirm", False),
            )
        except DjangoValidationError as error:
            raise ValidationError(
                error.message_dict if hasattr(error, "error_dict") else error.messages
            ) from error
        except DjangoPermissionDenied as error:
            raise NotFound() from error
        output = self.get_serializer(update)
        return Response(output.data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReviewSerializer, responses=ProgressUpdateSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        # get_object raises Http404 for an id that is not a number, as for an unknown one.
        update = self.get_object()
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            update = progress_update_review(
                update=update,
                reviewer=request.user,
                confirm=serializer.validated_data["confirm"],
                note=serializer.validated_data.get("note", ""),
            )
        except DjangoValidationError as error:
            raise ValidationError(error.messages) from error
        return Response(ProgressUpdateSerializer(update).data)


class ProgressReportExportView(APIView):
    """The progress report as of a date, as a file (XLSX, CSV, PDF or DOCX)."""

    permission_classes = [CanManage]

    @extend_schema(
        parameters=[ExportQuerySerializer],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request):
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        options = ReportOptions(
            as_of=data["as_of"], since=data.get("since"), language=data["language"]
        )
        return export_response(
            user=request.user,
            recommendations=Recommendation.objects.visible_to(request.user),
            updates=ProgressUpdate.objects.counted_for(request.user),
            options=options,
            file_format=data["file_format"],
            channel="api",
        )
