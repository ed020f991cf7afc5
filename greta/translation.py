from modeltranslation.translator import TranslationOptions, register

from greta.models import Assessment, ConventionArticle, Recommendation, Theme


@register(ConventionArticle)
class ConventionArticleTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Assessment)
class AssessmentTranslationOptions(TranslationOptions):
    fields = ("title", "notes")


@register(Recommendation)
class RecommendationTranslationOptions(TranslationOptions):
    fields = ("text",)
