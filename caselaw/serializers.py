"""API representations. The source text, source file, protected persons and findings are
never serialised: no field here reads them."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from caselaw.models import (
    EDITABLE_FACT_FIELDS,
    EDITABLE_RECORD_FIELDS,
    EDITABLE_VOCABULARY_FIELDS,
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
from common.translation import translated_value


@extend_schema_field(OpenApiTypes.STR)
class TranslatedField(serializers.Field):
    """A translated model field in the request's language, with the language it is in."""

    def __init__(self, field_name: str, **kwargs):
        self.model_field_name = field_name
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, instance):
        return translated_value(instance, self.model_field_name).text


class CourtSerializer(serializers.ModelSerializer):
    class Meta:
        model = Court
        fields = ["id", "code", "name", "name_sq", "name_sr", "name_en", "level", "city", "country"]


class VocabularySerializer(serializers.ModelSerializer):
    class Meta:
        fields = ["id", "code", "label", "label_sq", "label_sr", "label_en"]


def vocabulary_serializer(vocabulary_model):
    meta = type("Meta", (VocabularySerializer.Meta,), {"model": vocabulary_model})
    name = f"{vocabulary_model.__name__}Serializer"
    return type(name, (VocabularySerializer,), {"Meta": meta})


ExploitationFormSerializer = vocabulary_serializer(ExploitationForm)
MeansSerializer = vocabulary_serializer(Means)
KeywordSerializer = vocabulary_serializer(Keyword)
ProtectiveMeasureSerializer = vocabulary_serializer(ProtectiveMeasure)
InvestigativeTechniqueSerializer = vocabulary_serializer(InvestigativeTechnique)


class ProvisionSerializer(VocabularySerializer):
    class Meta(VocabularySerializer.Meta):
        model = Provision
        fields = [*VocabularySerializer.Meta.fields, "instrument", "instrument_version", "article"]


class DefendantSerializer(serializers.ModelSerializer):
    requalified = serializers.BooleanField(read_only=True)

    class Meta:
        model = Defendant
        fields = [
            "pseudonym",
            "sex",
            "charged_provision",
            "convicted_provision",
            "requalified",
            "verdict",
            "sentence_months",
            "suspended",
            "fine_eur",
            "confiscation_ordered",
            "confiscated_eur",
        ]


JUDGMENT_LIST_FIELDS = [
    "id",
    "url",
    "case",
    "case_number",
    "court",
    "decision_date",
    "decision_type",
    "instance",
    "outcome",
    "original_language",
    "ecli",
    "title",
    "status",
    "access_level",
    "provisions",
    "exploitation_forms",
    "means",
    "keywords",
    "victims_total",
    "victims_children",
    "transnational",
    "compensation_awarded_eur",
    "non_punishment_applied",
]


class JudgmentListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-judgment-detail")
    title = TranslatedField("title")
    court = CourtSerializer(read_only=True)

    class Meta:
        model = Judgment
        fields = JUDGMENT_LIST_FIELDS
        read_only_fields = fields


class JudgmentDetailSerializer(JudgmentListSerializer):
    headnote = TranslatedField("headnote")
    summary = TranslatedField("summary")
    defendants = DefendantSerializer(many=True, read_only=True)
    # Declared so the schema allows "" (no text yet): a read-only model field loses blank.
    text_language = serializers.ChoiceField(
        choices=Judgment.Language.choices,
        allow_blank=True,
        read_only=True,
        label=Judgment._meta.get_field("text_language").verbose_name,
    )
    cites = serializers.SerializerMethodField()
    cited_by = serializers.SerializerMethodField()
    reviewed_by = serializers.SerializerMethodField()

    class Meta(JudgmentListSerializer.Meta):
        fields = [
            *JUDGMENT_LIST_FIELDS,
            "appeal_of",
            "reviewed_by",
            "title_sq",
            "title_sr",
            "title_en",
            "headnote",
            "headnote_sq",
            "headnote_sr",
            "headnote_en",
            "summary",
            "summary_sq",
            "summary_sr",
            "summary_en",
            "text",
            "text_language",
            "protective_measures",
            "investigative_techniques",
            "victims_female",
            "victims_male",
            "victims_adults",
            "victim_nationalities",
            "municipality",
            "compensation_claimed_eur",
            "proceedings_length_months",
            "defendants",
            "cites",
            "cited_by",
            "published_at",
        ]
        read_only_fields = fields

    def _visible_ids(self, ids) -> list[int]:
        visible = self.context.get("visible_ids")
        return [pk for pk in ids if visible is None or pk in visible]

    def get_cites(self, judgment) -> list[int]:
        return self._visible_ids(c.cited_id for c in judgment.cites.all())

    def get_cited_by(self, judgment) -> list[int]:
        return self._visible_ids(c.citing_id for c in judgment.cited_by.all())

    def get_reviewed_by(self, judgment) -> list[int]:
        return self._visible_ids(j.pk for j in judgment.reviewed_by.all())

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # A reference to a judgment the reader may not see would reveal that it exists.
        if data.get("appeal_of") is not None and not self._visible_ids([data["appeal_of"]]):
            data["appeal_of"] = None
        return data


class JudgmentWriteSerializer(serializers.ModelSerializer):
    """Fields editors may set through the API. The workflow status is not among them."""

    class Meta:
        model = Judgment
        fields = [
            "id",
            *EDITABLE_RECORD_FIELDS,
            "text",
            "text_language",
            *EDITABLE_VOCABULARY_FIELDS,
            *EDITABLE_FACT_FIELDS,
        ]

    def validate(self, attrs):
        titles = [attrs.get(f"title_{code}") for code in ("sq", "sr", "en")]
        if self.instance is None and not any(titles):
            raise serializers.ValidationError(
                {"title_sq": "Give the judgment a title in at least one language."}
            )
        return attrs
