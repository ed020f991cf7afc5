from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from caselaw.models import (
    Case,
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


class TranslatedHistoryAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Translation tabs and the change history together."""


@admin.register(Court)
class CourtAdmin(TranslatedHistoryAdmin):
    list_display = ("name", "level", "city", "country")
    list_filter = ("level", "country")
    search_fields = ("name", "code", "city")


@admin.register(Provision)
class ProvisionAdmin(TranslatedHistoryAdmin):
    list_display = ("label", "instrument", "instrument_version", "article", "code")
    list_filter = ("instrument",)
    search_fields = ("label", "code", "article")


@admin.register(ExploitationForm, Means, Keyword, ProtectiveMeasure, InvestigativeTechnique)
class VocabularyAdmin(TranslatedHistoryAdmin):
    list_display = ("label", "code", "position")
    search_fields = ("label", "code")


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ("name", "final_outcome", "is_final")
    search_fields = ("name",)


class DefendantInline(admin.TabularInline):
    model = Defendant
    extra = 0
    autocomplete_fields = ("charged_provision", "convicted_provision")


class CitationInline(admin.TabularInline):
    model = Citation
    fk_name = "citing"
    extra = 0
    autocomplete_fields = ("cited",)
    verbose_name_plural = "cites"


@admin.register(Judgment)
class JudgmentAdmin(TranslatedHistoryAdmin):
    list_display = ("case_number", "court", "decision_date", "outcome", "status", "access_level")
    list_filter = ("status", "access_level", "court__level", "outcome", "original_language")
    search_fields = ("case_number", "ecli", "title")
    date_hierarchy = "decision_date"
    list_select_related = ("court",)
    autocomplete_fields = ("court", "case", "appeal_of")
    filter_horizontal = (
        "keywords",
        "provisions",
        "exploitation_forms",
        "means",
        "protective_measures",
        "investigative_techniques",
    )
    # The source text is reviewed on the editor's anonymisation screen, where opening
    # it is logged; the admin never shows it.
    exclude = ("source_text", "source_file")
    readonly_fields = ("status", "created_by", "approved_by", "approved_at", "published_at")
    inlines = [DefendantInline, CitationInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
