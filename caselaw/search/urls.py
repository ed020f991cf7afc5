"""Search pages, included in the caselaw namespace by caselaw/urls.py."""

from django.urls import path

from caselaw.search import saved, statistics, views

urlpatterns = [
    path("", views.judgment_search, name="judgment_search"),
    path("saved-searches/", saved.SavedSearchListView.as_view(), name="saved_search_list"),
    path("saved-searches/new/", saved.SavedSearchCreateView.as_view(), name="saved_search_create"),
    path(
        "saved-searches/<int:pk>/delete/",
        saved.SavedSearchDeleteView.as_view(),
        name="saved_search_delete",
    ),
    path("feed/atom/", saved.PublishedJudgmentsFeed(), name="judgment_feed"),
    path("statistics/", statistics.StatisticsView.as_view(), name="statistics"),
]
