from rest_framework import serializers

from greta.models import Assessment, Evidence, ProgressUpdate, Recommendation
from greta.reports import FORMATS, REPORT_LANGUAGES


class AssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assessment
        fields = [
            "id", "source_key", "body", "title", "title_sq", "title_sr", "title_en", "country",
            "round", "reference", "adopted_on", "published_on", "document_url",
        ]  # fmt: skip


class RecommendationSerializer(serializers.ModelSerializer):
    articles = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    topics = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    theme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    institutions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    current_status = serializers.CharField(read_only=True, allow_null=True)
    current_status_date = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Recommendation
        fields = [
            "id", "source_key", "assessment", "number", "paragraph", "position", "text_sq",
            "text_sr", "text_en", "original_text", "original_language", "strength", "articles",
            "theme", "topics", "institutions", "next_update_due", "current_status",
            "current_status_date", "source_url",
        ]  # fmt: skip


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["kind", "title", "url"]


class ProgressUpdateSerializer(serializers.ModelSerializer):
    evidence = EvidenceSerializer(many=True, required=False)
    confirm = serializers.BooleanField(write_only=True, required=False, default=False)

    class Meta:
        model = ProgressUpdate
        fields = [
            "id", "recommendation", "reporting_date", "status", "measures", "measures_language",
            "visibility", "reporting_institution", "reported_by", "review_state", "reviewed_by",
            "reviewed_at", "is_sample", "created_at", "evidence", "confirm",
        ]  # fmt: skip
        read_only_fields = [
            "reported_by", "review_state", "reviewed_by", "reviewed_at", "is_sample", "created_at",
        ]  # fmt: skip
        extra_kwargs = {"reporting_institution": {"required": False}}


class ReviewSerializer(serializers.Serializer):
    confirm = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ExportQuerySerializer(serializers.Serializer):
    as_of = serializers.DateField()
    since = serializers.DateField(required=False, allow_null=True)
    language = serializers.ChoiceField(choices=REPORT_LANGUAGES, default="en")
    file_format = serializers.ChoiceField(choices=FORMATS, default="xlsx")

    def validate(self, attrs):
        since = attrs.get("since")
        if since and since >= attrs["as_of"]:
            raise serializers.ValidationError({"since": "Must be before as_of."})
        return attrs
