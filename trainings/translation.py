from modeltranslation.translator import TranslationOptions, register

from trainings.models import Course


@register(Course)
class CourseTranslationOptions(TranslationOptions):
    fields = ("title", "description", "topics", "learning_objectives")
