"""REST API for judgments, courts and vocabularies.

Judgments are read through `Judgment.objects.visible_to(user)`, so the API returns
exactly what the pages show to the same user; other judgments are 404.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import AllowAny

from accounts.permissions import HasCapability
from accounts.roles import Capability
from caselaw import services
from caselaw.filters import CourtFilter, JudgmentFilter, ProvisionFilter
from caselaw.models import (
    EDITABLE_VOCABULARY_FIELDS,
    Citation,
    Court,
    Defendant,
    ExploitationForm,
    InvestigativeTechnique,
    Judgment,
    Keyword,
    Means,
    ProtectiveMeasure,
    Provision,
)
from caselaw.search.api import JudgmentSearchMixin
from caselaw.serializers import (
    CourtSerializer,
    ExploitationFormSerializer,
    InvestigativeTechniqueSerializer,
    JudgmentDetailSerializer,
    JudgmentListSerializer,
    JudgmentWriteSerializer,
    KeywordSerializer,
    MeansSerializer,
    ProtectiveMeasureSerializer,
    ProvisionSerializer,
)


class JudgmentViewSet(
    JudgmentSearchMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Anonymised judgments. Reading is open to the roles each judgment's access level
    allows; creating and updating is for case-law editors."""

    queryset = Judgment.objects.select_related("court").prefetch_related(
        "provisions", "exploitation_forms", "means", "keywords"
    )
    filterset_class = JudgmentFilter
    ordering_fields = ["decision_date", "case_number", "published_at"]
    ordering = ["-decision_date", "-pk"]

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [AllowAny()]
        return [HasCapability.for_(Capability.EDIT_JUDGMENTS)()]

    def get_queryset(self):
        queryset = super().get_queryset().visible_to(self.request.user)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "protective_measures",
                "investigative_techniques",
                Prefetch(
                    "defendants",
                    queryset=Defendant.objects.select_related(
                        "charged_provision", "convicted_provision"
                    ),
                ),
                Prefetch("cites", queryset=Citation.objects.only("id", "citing_id", "cited_id")),
                Prefetch("cited_by", queryset=Citation.objects.only("id", "citing_id", "cited_id")),
                Prefetch("reviewed_by", queryset=Judgment.objects.only("id", "appeal_of_id")),
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "list":
            return JudgmentListSerializer
        if self.action == "retrieve":
            return JudgmentDetailSerializer
        return JudgmentWriteSerializer

    def get_serializer(self, *args, **kwargs):
        if self.action == "retrieve" and args:
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["visible_ids"] = self._visible_related_ids(args[0])
        return super().get_serializer(*args, **kwargs)

    def _visible_related_ids(self, judgment) -> set[int]:
        ids = {c.cited_id for c in judgment.cites.all()}
        ids |= {c.citing_id for c in judgment.cited_by.all()}
        ids |= {j.pk for j in judgment.reviewed_by.all()}
        if judgment.appeal_of_id:
            ids.add(judgment.appeal_of_id)
        if not ids:
            return set()
        visible = Judgment.objects.visible_to(self.request.user).filter(pk__in=ids)
        return set(visible.values_list("pk", flat=True))

    def _split(self, serializer):
        data = dict(serializer.validated_data)
        m2m = {name: data.pop(name) for name in EDITABLE_VOCABULARY_FIELDS if name in data}
        return data, m2m

    def perform_create(self, serializer):
        data, m2m = self._split(serializer)
        try:
            serializer.instance = services.judgment_create(
                user=self.request.user, judgment=Judgment(**data), m2m=m2m
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(_error_detail(error)) from error

    def perform_update(self, serializer):
        data, m2m = self._split(serializer)
        judgment = serializer.instance
        for name, value in data.items():
            setattr(judgment, name, value)
        try:
            services.judgment_update(user=self.request.user, judgment=judgment, m2m=m2m)
        except DjangoValidationError as error:
            raise serializers.ValidationError(_error_detail(error)) from error


def _error_detail(error: DjangoValidationError):
    return error.message_dict if hasattr(error, "error_dict") else error.messages


class CourtViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Court.objects.order_by("name", "pk")
    serializer_class = CourtSerializer
    filterset_class = CourtFilter
    ordering_fields = ["name", "level"]
    permission_classes = [AllowAny]


class ProvisionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Provision.objects.order_by("instrument", "position", "label", "pk")
    serializer_class = ProvisionSerializer
    filterset_class = ProvisionFilter
    permission_classes = [AllowAny]


def vocabulary_viewset(vocabulary_model, serializer_class):
    """Return a read-only viewset for one vocabulary model."""
    attributes = {
        "queryset": vocabulary_model.objects.order_by("position", "label", "pk"),
        "serializer_class": serializer_class,
        "permission_classes": [AllowAny],
        "filterset_fields": ["code"],
    }
    return type(f"{vocabulary_model.__name__}ViewSet", (viewsets.ReadOnlyModelViewSet,), attributes)


ExploitationFormViewSet = vocabulary_viewset(ExploitationForm, ExploitationFormSerializer)
MeansViewSet = vocabulary_viewset(Means, MeansSerializer)
KeywordViewSet = vocabulary_viewset(Keyword, KeywordSerializer)
ProtectiveMeasureViewSet = vocabulary_viewset(ProtectiveMeasure, ProtectiveMeasureSerializer)
InvestigativeTechniqueViewSet = vocabulary_viewset(
    InvestigativeTechnique, InvestigativeTechniqueSerializer
)
