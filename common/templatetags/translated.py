from django import template

from common.translation import translated_value

register = template.Library()


@register.simple_tag(takes_context=True)
def translated(context, instance, field_name):
    """Return a TranslatedValue: `{% translated judgment "summary" as summary %}`."""
    request = context.get("request")
    language = getattr(request, "LANGUAGE_CODE", None)
    return translated_value(instance, field_name, language)
