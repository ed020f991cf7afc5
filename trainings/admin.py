from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from trainings.models import (
    Attendance,
    Course,
    CourseMaterial,
    Participant,
    ParticipantImport,
    Registration,
    Trainer,
    TrainingSession,
)


class CourseMaterialInline(admin.TabularInline):
    model = CourseMaterial
    extra = 0


@admin.register(Course)
class CourseAdmin(TranslationAdmin):
    list_display = ["code", "title", "required_attendance_percent", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "title_sq", "title_sr", "title_en"]
    inlines = [CourseMaterialInline]


@admin.register(Trainer)
class TrainerAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "user"]
    search_fields = ["name", "email", "organisation"]
    filter_horizontal = ["certified_courses"]
    raw_id_fields = ["user"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["course", "start_date", "end_date", "city", "status"]
    list_filter = ["status", "format", "course"]
    date_hierarchy = "start_date"
    filter_horizontal = ["trainers"]
    list_select_related = ["course"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "institution", "profession", "sex", "email"]
    list_filter = ["sex", "profession", "institution"]
    search_fields = ["first_name", "last_name", "email"]
    raw_id_fields = ["user"]
    list_select_related = ["institution"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["participant", "session", "is_walk_in", "registered_at"]
    raw_id_fields = ["participant", "session"]
    list_select_related = ["participant", "session__course"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["registration", "day", "status", "recorded_by", "recorded_at"]
    list_filter = ["status", "day"]
    raw_id_fields = ["registration"]
    list_select_related = ["registration__participant", "registration__session__course"]


@admin.register(ParticipantImport)
class ParticipantImportAdmin(admin.ModelAdmin):
    list_display = ["filename", "session", "uploaded_by", "status", "created_at"]
    readonly_fields = ["rows"]
