from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaselawConfig(AppConfig):
    name = "caselaw"
    verbose_name = _("Case-law")

    def ready(self):
        register_history()


# The unanonymised source text and file never enter history, so publication can delete
# them for good.
# NOTE: Judgment.instance is left out because historical models already define an
# `instance` property (the tracked object); renaming the field would lift this.
HISTORY_EXCLUDED_FIELDS = {
    "Judgment": ["source_text", "source_file", "instance"],
}
TRACKED_MODELS = (
    "Court",
    "Provision",
    "ExploitationForm",
    "Means",
    "Keyword",
    "ProtectiveMeasure",
    "InvestigativeTechnique",
    "Case",
    "Judgment",
    "Defendant",
    "Citation",
)


def register_history() -> None:
    """Track changes of the caselaw models with django-simple-history.

    Registered here rather than with a `history` field on each model, because
    modeltranslation adds the per-language fields (title_sq, ...) only after the models
    are defined. A historical model built earlier lacks them and fails to save.
    ProtectedPerson and AnonymisationFinding hold real names and are deliberately not
    tracked.
    """
    from simple_history import register

    from caselaw import models

    for name in TRACKED_MODELS:
        model = getattr(models, name)
        if hasattr(model, "history"):
            continue
        register(model, app="caselaw", excluded_fields=HISTORY_EXCLUDED_FIELDS.get(name, []))
