"""Full-text search, facets and relevance ordering for the judgments API list."""

from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from caselaw.search.filters import FACETS, SearchDocumentFilter
from caselaw.search.models import SearchDocument
from caselaw.search.query import parse
from caselaw.search.views import run_search
from caselaw.serializers import JudgmentListSerializer

LONG_TEXT_FIELDS = (
    "text",
    "source_text",
    *(
        f"{name}{suffix}"
        for name in ("headnote", "summary")
        for suffix in ("", "_sq", "_sr", "_en")
    ),
)
ORDERING_ALIASES = {"decision_date": "date", "-decision_date": "-date"}
SEARCH_PARAMETERS = {
    *SearchDocumentFilter.base_filters,
    "q",
    "ordering",
    "page",
    "page_size",
    "format",
}


# many=False: the page is the whole response, so drf-spectacular must not wrap it in its own
# pagination envelope as it does for other list actions.
@extend_schema_serializer(many=False, component_name="JudgmentSearchPage")
class JudgmentSearchPageSerializer(serializers.Serializer):
    """One page of judgments; `facets` is present only on search requests."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = JudgmentListSerializer(many=True)
    facets = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        required=False,
        help_text=(
            "Facet name -> value -> number of matching judgments. Absent when the request "
            "uses a filter outside the search parameters."
        ),
    )
    count_is_estimate = serializers.BooleanField(
        required=False,
        help_text="True when the count and facets are estimated from a sample of the matches.",
    )
    count_is_lower_bound = serializers.BooleanField(
        required=False,
        help_text=(
            "True when a phrase was checked only on a bounded number of judgments containing "
            "all its words: more judgments may match than `count`."
        ),
    )


SEARCH_SCHEMA = extend_schema(
    summary="Search and list judgments",
    description=(
        "Full-text search over title, headnote, summary, keywords and anonymised text, in "
        "Albanian, Serbian (either script) and English, with or without diacritics and in "
        "any inflection. `q` takes web-search syntax: words are all required, "
        '`"a phrase"`, `a OR b`, `-excluded`, `prefix*`. The filters combine; multi-valued '
        "filters repeat the parameter (`court=1&court=2`). The response adds `facets`: for "
        "each filter, the number of matching judgments per value, counting only judgments "
        "the caller may read. Other filters of this endpoint (keyword, instrument, status, "
        "...) also accept `q`, without facets."
    ),
    parameters=[
        OpenApiParameter(
            "q",
            OpenApiTypes.STR,
            description="Search words in web-search syntax.",
            examples=[
                OpenApiExample("Albanian, inflected", value="trafikimi"),
                OpenApiExample("Serbian in Cyrillic", value="трговина људима"),
                OpenApiExample("Phrase and exclusion", value='"forced labour" -begging'),
            ],
        ),
        OpenApiParameter(
            "ordering",
            OpenApiTypes.STR,
            enum=["relevance", "-date", "date", "-decision_date", "decision_date"],
            description="relevance (default with q), -date (default without q) or date.",
        ),
        OpenApiParameter("page_size", OpenApiTypes.INT, description="1 to 100, default 20."),
    ],
    responses=JudgmentSearchPageSerializer,
    examples=[
        OpenApiExample(
            "Facets",
            response_only=True,
            value={
                "count": 2,
                "next": None,
                "previous": None,
                "results": [],
                "facets": {"outcome": {"conviction": 2}, "year": {"2019": 1, "2021": 1}},
                "count_is_estimate": False,
                "count_is_lower_bound": False,
            },
        )
    ],
)


def _search_data(params: QueryDict) -> QueryDict:
    data = params.copy()
    ordering = data.get("ordering")
    if ordering in ORDERING_ALIASES:
        data["ordering"] = ORDERING_ALIASES[ordering]
    return data


class JudgmentSearchMixin:
    """Serve the list action of the judgment viewset through the search engine.

    Requests using only the search parameters get relevance ordering and facets; other
    filters go through the viewset's own filterset, narrowed to the `q` matches.
    """

    @SEARCH_SCHEMA
    def list(self, request, *args, **kwargs):
        if not set(request.query_params) <= SEARCH_PARAMETERS:
            return super().list(request, *args, **kwargs)
        filterset, results = run_search(request, _search_data(request.query_params))
        if filterset.errors:
            raise ValidationError(filterset.errors)
        # The list serializer shows no long text, so the texts stay in the database.
        queryset = self.get_queryset().filter(pk__in=results.ids).defer(*LONG_TEXT_FIELDS)
        by_id = {judgment.pk: judgment for judgment in queryset}
        page = [by_id[pk] for pk in results.ids if pk in by_id]
        serializer = self.get_serializer(page, many=True)
        return Response(
            {
                "count": results.total,
                "next": self._page_link(request, results.page + 1) if results.has_next else None,
                "previous": self._page_link(request, results.page - 1)
                if results.has_previous
                else None,
                "results": serializer.data,
                "facets": {name: results.facets.get(name, {}) for name in FACETS},
                "count_is_estimate": results.estimated,
                "count_is_lower_bound": results.capped,
            }
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        q = self.request.query_params.get("q")
        if self.action == "list" and q:
            parsed = parse(q)
            if parsed.tsquery is not None:
                matches = SearchDocument.objects.extra(
                    where=["document @@ %s::tsquery"], params=[parsed.tsquery]
                )
                queryset = queryset.filter(pk__in=matches.values("judgment_id"))
        return queryset

    @staticmethod
    def _page_link(request, page: int) -> str:
        params = request.query_params.copy()
        params["page"] = str(page)
        return request.build_absolute_uri(request.path) + "?" + params.urlencode()
