from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GretaConfig(AppConfig):
    name = "greta"
    verbose_name = _("GRETA findings")
