"""The REST API, version 1. Each app contributes its routes through its api_urls module."""

from django.urls import include, path

urlpatterns = [
    path("", include("caselaw.api_urls")),
    path("", include("trainings.api_urls")),
    path("", include("greta.api_urls")),
]
