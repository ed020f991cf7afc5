from modeltranslation.translator import TranslationOptions, register

from caselaw.models import (
    Court,
    ExploitationForm,
    InvestigativeTechnique,
    Judgment,
    Keyword,
    Means,
    ProtectiveMeasure,
    Provision,
)


@register(Court)
class CourtTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Provision)
@register(ExploitationForm)
@register(Means)
@register(Keyword)
@register(ProtectiveMeasure)
@register(InvestigativeTechnique)
class VocabularyTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(Judgment)
class JudgmentTranslationOptions(TranslationOptions):
    fields = ("title", "headnote", "summary")
