from modeltranslation.translator import TranslationOptions, register

from accounts.models import Institution


@register(Institution)
class InstitutionTranslationOptions(TranslationOptions):
    fields = ("name",)
