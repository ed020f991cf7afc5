from django.urls import path

from trainings import views

app_name = "trainings"

urlpatterns = [
    path("", views.SessionListView.as_view(), name="session_list"),
    path("sessions/new/", views.SessionCreateView.as_view(), name="session_create"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/edit/", views.SessionUpdateView.as_view(), name="session_update"),
    path(
        "sessions/<int:pk>/register/",
        views.RegistrationCreateView.as_view(),
        name="registration_create",
    ),
    path("sessions/<int:pk>/import/", views.ImportUploadView.as_view(), name="import_upload"),
    path(
        "sessions/<int:pk>/import/<int:import_pk>/",
        views.ImportPreviewView.as_view(),
        name="import_preview",
    ),
    path("sessions/<int:pk>/scores/", views.TestScoresView.as_view(), name="test_scores"),
    path("sessions/<int:pk>/evaluation/", views.EvaluationView.as_view(), name="evaluation"),
    path("mine/", views.MyTrainingsView.as_view(), name="my_trainings"),
    path("sessions/<int:pk>/days/<str:day>/", views.RollCallView.as_view(), name="roll_call"),
    path("sessions/<int:pk>/days/<str:day>/walk-in/", views.WalkInView.as_view(), name="walk_in"),
    path(
        "sessions/<int:pk>/days/<str:day>/check-in/",
        views.CheckInPageView.as_view(),
        name="check_in_page",
    ),
    path(
        "sessions/<int:pk>/days/<str:day>/check-in.svg",
        views.CheckInQrView.as_view(),
        name="check_in_qr",
    ),
    path(
        "sessions/<int:pk>/attendance.<str:file_format>",
        views.AttendanceSheetView.as_view(),
        name="attendance_sheet",
    ),
    path(
        "sessions/<int:pk>/days/<str:day>/attendance.<str:file_format>",
        views.AttendanceSheetView.as_view(),
        name="attendance_sheet_day",
    ),
    path(
        "sessions/<int:pk>/certificates.pdf", views.CertificatesView.as_view(), name="certificates"
    ),
    path(
        "sessions/<int:pk>/certificates/<int:registration_pk>.pdf",
        views.CertificatesView.as_view(),
        name="certificate",
    ),
    path("check-in/<str:token>/", views.SelfCheckInView.as_view(), name="self_check_in"),
    path("courses/", views.CourseListView.as_view(), name="course_list"),
    path("courses/new/", views.CourseFormView.as_view(), name="course_create"),
    path("courses/<int:pk>/", views.CourseDetailView.as_view(), name="course_detail"),
    path("courses/<int:pk>/edit/", views.CourseFormView.as_view(), name="course_update"),
    path(
        "courses/<int:pk>/materials/<int:material_pk>/",
        views.course_material_download,
        name="course_material",
    ),
    path("trainers/", views.TrainerListView.as_view(), name="trainer_list"),
    path("trainers/new/", views.TrainerFormView.as_view(), name="trainer_create"),
    path("trainers/<int:pk>/edit/", views.TrainerFormView.as_view(), name="trainer_update"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path(
        "statistics/export.<str:file_format>",
        views.StatisticsExportView.as_view(),
        name="statistics_export",
    ),
]
