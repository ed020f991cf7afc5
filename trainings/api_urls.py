from rest_framework.routers import DefaultRouter

from trainings import api

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("trainings/courses", api.CourseViewSet, basename="training-course")
router.register("trainings/sessions", api.TrainingSessionViewSet, basename="training-session")
router.register("trainings/participants", api.ParticipantViewSet, basename="training-participant")
router.register(
    "trainings/registrations", api.RegistrationViewSet, basename="training-registration"
)
router.register("trainings/attendance", api.AttendanceViewSet, basename="training-attendance")

urlpatterns = router.urls
