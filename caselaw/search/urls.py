"""Search pages, included in the caselaw namespace by caselaw/urls.py."""

from django.urls import path

from caselaw.search import views

urlpatterns = [
    path("", views.judgment_search, name="judgment_search"),
]
