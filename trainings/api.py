"""API of the trainings app, with the object rules of the pages.

Trainers see their own sessions and the records that belong to them. Any other object
returns 404.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.exceptions import APIException

from accounts.permissions import HasCapability
from accounts.roles import Capability, user_can
from trainings import services
from trainings.filters import (
    AttendanceFilter,
    CourseFilter,
    ParticipantFilter,
    RegistrationFilter,
    TrainingSessionFilter,
)
from trainings.models import Attendance, Course, Participant, Registration, TrainingSession
from trainings.serializers import (
    AttendanceSerializer,
    CourseSerializer,
    ParticipantSerializer,
    RegistrationSerializer,
    TrainingSessionSerializer,
)

CanManageOwnTrainings = HasCapability.for_(Capability.MANAGE_OWN_TRAININGS)


class StaffWritesOnly(permissions.BasePermission):
    """Reads for every trainer; course changes only for staff who manage all trainings."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return user_can(request.user, Capability.MANAGE_ALL_TRAININGS)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class CourseViewSet(viewsets.ModelViewSet):
    queryset = Course.objects.order_by("code")
    serializer_class = CourseSerializer
    filterset_class = CourseFilter
    ordering_fields = ["code", "title"]
    permission_classes = [CanManageOwnTrainings, StaffWritesOnly]

    @extend_schema(
        responses={
            204: OpenApiResponse(description="The course was deleted."),
            409: OpenApiResponse(
                description="Training sessions use the course; mark it inactive instead."
            ),
        }
    )
    def destroy(self, request, *args, **kwargs):
        return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance):
        try:
            services.course_delete(course=instance, deleted_by=self.request.user)
        except DjangoValidationError as error:
            raise Conflict(error.messages[0]) from error


class TrainingSessionViewSet(viewsets.ModelViewSet):
    queryset = TrainingSession.objects.select_related("course").prefetch_related("trainers")
    serializer_class = TrainingSessionSerializer
    filterset_class = TrainingSessionFilter
    ordering_fields = ["start_date", "end_date", "status"]
    ordering = ["-start_date", "pk"]
    permission_classes = [CanManageOwnTrainings]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user).order_by("-start_date", "pk")


class ParticipantViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Participant.objects.select_related("institution")
    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilter
    ordering_fields = ["last_name", "first_name"]
    permission_classes = [CanManageOwnTrainings]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user).order_by("last_name", "pk")


class RegistrationViewSet(viewsets.ModelViewSet):
    queryset = Registration.objects.select_related("participant", "session")
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter
    ordering_fields = ["registered_at"]
    permission_classes = [CanManageOwnTrainings]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user).order_by("session", "pk")

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        fields = getattr(serializer, "fields", {})
        if "session" in fields:
            fields["session"].queryset = TrainingSession.objects.visible_to(self.request.user)
        if "participant" in fields:
            fields["participant"].queryset = Participant.objects.visible_to(self.request.user)
        return serializer


class AttendanceViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Attendance records; deleting is not offered, a correction changes the status."""

    queryset = Attendance.objects.select_related("registration")
    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilter
    ordering_fields = ["day"]
    permission_classes = [CanManageOwnTrainings]

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user).order_by("day", "pk")

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        fields = getattr(serializer, "fields", {})
        if "registration" in fields:
            fields["registration"].queryset = Registration.objects.visible_to(
                self.request.user
            ).select_related("session")
        return serializer
