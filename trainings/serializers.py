from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from trainings import services
from trainings.models import Attendance, Course, Participant, Registration, TrainingSession


class CourseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Course
        fields = [
            "id",
            "code",
            "title",
            "title_sq",
            "title_sr",
            "title_en",
            "description",
            "topics",
            "learning_objectives",
            "target_professions",
            "required_attendance_percent",
            "is_active",
        ]


class TrainingSessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "course",
            "start_date",
            "end_date",
            "venue",
            "city",
            "format",
            "language",
            "trainers",
            "organiser",
            "capacity",
            "status",
        ]

    def validate(self, attrs):
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": "The end date must not be before the start date."}
            )
        return attrs

    def create(self, validated_data):
        trainers = validated_data.pop("trainers", [])
        user = self.context["request"].user
        return _django_errors(
            services.session_create, created_by=user, trainers=trainers, **validated_data
        )

    def update(self, instance, validated_data):
        trainers = validated_data.pop("trainers", None)
        return _django_errors(
            services.session_update, session=instance, trainers=trainers, **validated_data
        )


class ParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = [
            "id",
            "first_name",
            "last_name",
            "sex",
            "institution",
            "profession",
            "position",
            "email",
            "phone",
            "preferred_language",
        ]

    def create(self, validated_data):
        user = self.context["request"].user
        return _django_errors(services.participant_create, created_by=user, **validated_data)

    def update(self, instance, validated_data):
        user = self.context["request"].user
        return _django_errors(
            services.participant_update, participant=instance, updated_by=user, **validated_data
        )


class RegistrationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Registration
        fields = [
            "id",
            "session",
            "participant",
            "is_walk_in",
            "registered_at",
            "pre_test_score",
            "post_test_score",
            "evaluation_rating",
            "evaluation_comment",
        ]
        read_only_fields = ["registered_at"]
        # Duplicates are rejected by the service with a readable message.
        validators = []

    def create(self, validated_data):
        user = self.context["request"].user
        registration = _django_errors(
            services.registration_create,
            session=validated_data["session"],
            participant=validated_data["participant"],
            registered_by=user,
            is_walk_in=validated_data.get("is_walk_in", False),
        )
        scores = {
            key: value
            for key, value in validated_data.items()
            if key not in ("session", "participant", "is_walk_in")
        }
        if scores:
            for key, value in scores.items():
                setattr(registration, key, value)
            registration.save(update_fields=list(scores))
        return registration

    def update(self, instance, validated_data):
        user = self.context["request"].user
        return _django_errors(
            services.registration_update,
            registration=instance,
            updated_by=user,
            **validated_data,
        )


class AttendanceSerializer(serializers.ModelSerializer):
    recorded_by = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Attendance
        fields = [
            "id",
            "registration",
            "day",
            "status",
            "is_self_check_in",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = ["is_self_check_in", "recorded_at"]
        validators = []

    def save_through_service(self, registration, day, status):
        user = self.context["request"].user
        _django_errors(
            services.attendance_record_day,
            session=registration.session,
            day=day,
            statuses={registration.pk: status},
            recorded_by=user,
        )
        return Attendance.objects.get(registration=registration, day=day)

    def create(self, validated_data):
        return self.save_through_service(
            validated_data["registration"], validated_data["day"], validated_data["status"]
        )

    def update(self, instance, validated_data):
        if validated_data.get("registration", instance.registration) != instance.registration:
            raise serializers.ValidationError({"registration": "The registration cannot change."})
        if validated_data.get("day", instance.day) != instance.day:
            raise serializers.ValidationError({"day": "The day cannot change."})
        return self.save_through_service(
            instance.registration, instance.day, validated_data.get("status", instance.status)
        )


def _django_errors(function, **kwargs):
    """Call a service and turn its Django ValidationError into a 400 API response."""
    try:
        return function(**kwargs)
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            raise serializers.ValidationError(error.message_dict) from error
        raise serializers.ValidationError({"non_field_errors": error.messages}) from error
