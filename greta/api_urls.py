from django.urls import path
from rest_framework.routers import SimpleRouter

from greta import api

router = SimpleRouter()
router.register("greta/assessments", api.AssessmentViewSet, basename="greta-assessment")
router.register("greta/recommendations", api.RecommendationViewSet, basename="greta-recommendation")
router.register("greta/updates", api.ProgressUpdateViewSet, basename="greta-update")

urlpatterns = [
    path("greta/export/", api.ProgressReportExportView.as_view(), name="greta-export"),
    *router.urls,
]
