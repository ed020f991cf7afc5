from rest_framework.routers import DefaultRouter

from caselaw import api

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("judgments", api.JudgmentViewSet, basename="api-judgment")
router.register("courts", api.CourtViewSet, basename="api-court")
router.register("vocabularies/provisions", api.ProvisionViewSet, basename="api-provision")
router.register(
    "vocabularies/exploitation-forms", api.ExploitationFormViewSet, basename="api-exploitation-form"
)
router.register("vocabularies/means", api.MeansViewSet, basename="api-means")
router.register("vocabularies/keywords", api.KeywordViewSet, basename="api-keyword")
router.register(
    "vocabularies/protective-measures",
    api.ProtectiveMeasureViewSet,
    basename="api-protective-measure",
)
router.register(
    "vocabularies/investigative-techniques",
    api.InvestigativeTechniqueViewSet,
    basename="api-investigative-technique",
)

urlpatterns = router.urls
