from django.urls import path

from greta import views

app_name = "greta"

urlpatterns = [
    path("", views.RecommendationListView.as_view(), name="recommendation_list"),
    path("<int:pk>/", views.RecommendationDetailView.as_view(), name="recommendation_detail"),
    path(
        "<int:pk>/updates/new/",
        views.ProgressUpdateCreateView.as_view(),
        name="progress_update_create",
    ),
    path("<int:pk>/due-date/", views.DueDateUpdateView.as_view(), name="due_date_update"),
    path("<int:pk>/indicators/", views.IndicatorLinksView.as_view(), name="indicator_links"),
    path("review/", views.ReviewListView.as_view(), name="review_list"),
    path(
        "updates/<int:pk>/review/",
        views.ProgressUpdateReviewView.as_view(),
        name="progress_update_review",
    ),
    path("overdue/", views.OverdueListView.as_view(), name="overdue_list"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("export/", views.ExportView.as_view(), name="export"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/confirm/", views.ImportConfirmView.as_view(), name="import_confirm"),
]
