from django.urls import path

from caselaw import views
from caselaw.search import urls as search_urls

app_name = "caselaw"

urlpatterns = [
    # The search page and its companions (saved searches, feed, statistics).
    *search_urls.urlpatterns,
    path("judgments/<int:pk>/", views.judgment_detail, name="judgment_detail"),
    path("judgments/<int:pk>/print/", views.judgment_print, name="judgment_print"),
    path("judgments/<int:pk>/pdf/", views.judgment_pdf, name="judgment_pdf"),
    path("editor/", views.EditorDashboardView.as_view(), name="editor_dashboard"),
    path("editor/judgments/new/", views.JudgmentCreateView.as_view(), name="judgment_create"),
    path(
        "editor/judgments/<int:pk>/edit/",
        views.JudgmentUpdateView.as_view(),
        name="judgment_update",
    ),
    path(
        "editor/judgments/<int:pk>/source/",
        views.JudgmentSourceView.as_view(),
        name="judgment_source",
    ),
    path(
        "editor/judgments/<int:pk>/source/document/",
        views.judgment_source_document,
        name="judgment_source_document",
    ),
    path(
        "editor/judgments/<int:pk>/anonymise/",
        views.JudgmentAnonymiseView.as_view(),
        name="judgment_anonymise",
    ),
    path(
        "editor/judgments/<int:pk>/<slug:action>/",
        views.JudgmentTransitionView.as_view(),
        name="judgment_transition",
    ),
]
