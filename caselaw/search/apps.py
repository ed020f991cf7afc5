from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaselawSearchConfig(AppConfig):
    """Full-text search, facets, saved searches and statistics over judgments."""

    name = "caselaw.search"
    label = "caselaw_search"
    verbose_name = _("Case-law search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from caselaw.search import signals  # noqa: F401
