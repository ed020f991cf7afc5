"""Pages of the trainings app: sessions, registrations, imports, roll-call and reports.

Trainers reach only sessions they created or train in; any other session is a 404, so
ids cannot be probed. Project staff reach all sessions.
"""

import io
import logging
import os
from datetime import date

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from accounts.permissions import CapabilityRequiredMixin
from accounts.roles import Capability, user_can
from common.exports import csv_response, xlsx_response
from common.storage import content_type_for
from trainings import exports, services
from trainings.filters import TrainingSessionFilter
from trainings.forms import (
    CourseForm,
    EvaluationForm,
    ParticipantForm,
    ParticipantImportForm,
    StatisticsFilterForm,
    TestScoresForm,
    TrainerForm,
    TrainingSessionForm,
    WalkInForm,
)
from trainings.imports import ImportFileError, check_rows, read_table
from trainings.models import (
    Attendance,
    Course,
    CourseMaterial,
    ParticipantImport,
    Profession,
    Registration,
    Trainer,
    TrainingSession,
)
from trainings.statistics import DIMENSIONS, course_outcomes, training_figures

logger = logging.getLogger(__name__)

CHECK_IN_SALT = "trainings.self-check-in"


class TrainerRequiredMixin(CapabilityRequiredMixin):
    required_capability = Capability.MANAGE_OWN_TRAININGS

    def get_session(self, pk) -> TrainingSession:
        sessions = TrainingSession.objects.visible_to(self.request.user).select_related(
            "course", "organiser"
        )
        return get_object_or_404(sessions, pk=pk)


def parse_day(session: TrainingSession, value: str) -> date:
    """Return the session day named by `value` (yyyy-mm-dd); raise ValidationError otherwise."""
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise ValidationError(
            _("Invalid day “%(value)s”; use yyyy-mm-dd.") % {"value": value}
        ) from error
    if not session.has_day(day):
        raise ValidationError(
            _("%(day)s is not a day of this session (%(start)s to %(end)s).")
            % {
                "day": f"{day:%d.%m.%Y}",
                "start": f"{session.start_date:%d.%m.%Y}",
                "end": f"{session.end_date:%d.%m.%Y}",
            }
        )
    return day


def bad_request(request, message: str, *, status: int = 400):
    return render(request, "trainings/bad_request.html", {"message": message}, status=status)


# Sessions


class SessionListView(TrainerRequiredMixin, ListView):
    template_name = "trainings/session_list.html"
    context_object_name = "sessions"
    paginate_by = 25

    def get_queryset(self):
        sessions = (
            TrainingSession.objects.visible_to(self.request.user)
            .select_related("course", "organiser")
            .annotate(registration_count=Count("registrations", distinct=True))
            .order_by("-start_date", "pk")
        )
        self.filterset = TrainingSessionFilter(self.request.GET or None, queryset=sessions)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        return context


class SessionFormMixin(TrainerRequiredMixin):
    template_name = "trainings/session_form.html"

    def render_form(self, form, session=None, status=200):
        context = {"form": form, "session": session}
        return render(self.request, self.template_name, context, status=status)

    def save(self, form, session=None):
        data = dict(form.cleaned_data)
        trainers = data.pop("trainers")
        try:
            if session is None:
                return services.session_create(
                    created_by=self.request.user, trainers=trainers, **data
                )
            return services.session_update(session=session, trainers=trainers, **data)
        except ValidationError as error:
            form.add_error(None, error)
            return None


class SessionCreateView(SessionFormMixin, View):
    def get(self, request):
        return self.render_form(TrainingSessionForm())

    def post(self, request):
        form = TrainingSessionForm(request.POST)
        session = self.save(form) if form.is_valid() else None
        if session is None:
            return self.render_form(form, status=400)
        messages.success(request, _("Session created."))
        return redirect("trainings:session_detail", pk=session.pk)


class SessionUpdateView(SessionFormMixin, View):
    def get(self, request, pk):
        session = self.get_session(pk)
        return self.render_form(TrainingSessionForm(instance=session), session)

    def post(self, request, pk):
        session = self.get_session(pk)
        form = TrainingSessionForm(request.POST, instance=TrainingSession.objects.get(pk=pk))
        saved = self.save(form, session) if form.is_valid() else None
        if saved is None:
            return self.render_form(form, session, status=400)
        messages.success(request, _("Session saved."))
        return redirect("trainings:session_detail", pk=session.pk)


class SessionDetailView(TrainerRequiredMixin, View):
    def get(self, request, pk):
        session = self.get_session(pk)
        registrations = list(exports.session_registrations(session))
        rows = []
        for registration in registrations:
            days_attended = exports.attended_days(registration)
            rows.append(
                {
                    "registration": registration,
                    "statuses": exports.attendance_by_day(registration),
                    "days_attended": days_attended,
                    "eligible": services.registration_is_certificate_eligible(
                        registration, days_attended
                    ),
                }
            )
        today = timezone.localdate()
        context = {
            "session": session,
            "rows": rows,
            "days": session.days,
            "today": today if session.has_day(today) else None,
            "trainers": session.trainers.all(),
            "eligible_count": sum(1 for row in rows if row["eligible"]),
        }
        return render(request, "trainings/session_detail.html", context)


# Registrations and imports


class RegistrationCreateView(TrainerRequiredMixin, View):
    template_name = "trainings/registration_form.html"

    def get(self, request, pk):
        session = self.get_session(pk)
        return render(request, self.template_name, {"session": session, "form": ParticipantForm()})

    def post(self, request, pk):
        session = self.get_session(pk)
        form = ParticipantForm(request.POST)
        context = {"session": session, "form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        fields = dict(form.cleaned_data)
        confirm_similar = fields.pop("confirm_similar")
        check = services.participant_find_duplicates(
            email=fields["email"],
            first_name=fields["first_name"],
            last_name=fields["last_name"],
            institution=fields["institution"],
        )
        if check.email_match is None and check.similar_names and not confirm_similar:
            context["similar_names"] = check.similar_names
            return render(request, self.template_name, context, status=409)
        try:
            participant = check.email_match or services.participant_create(
                created_by=request.user, **fields
            )
            services.registration_create(
                session=session, participant=participant, registered_by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, self.template_name, context, status=400)
        if check.email_match is not None:
            messages.info(
                request,
                _("%(name)s was already recorded with this e-mail; that record is used.")
                % {"name": participant.full_name},
            )
        messages.success(request, _("%(name)s registered.") % {"name": participant.full_name})
        return redirect("trainings:session_detail", pk=session.pk)


class ImportUploadView(TrainerRequiredMixin, View):
    template_name = "trainings/import_upload.html"

    def get(self, request, pk):
        session = self.get_session(pk)
        form = ParticipantImportForm()
        return render(request, self.template_name, {"session": session, "form": form})

    def post(self, request, pk):
        session = self.get_session(pk)
        form = ParticipantImportForm(request.POST, request.FILES)
        context = {"session": session, "form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        uploaded = form.cleaned_data["file"]
        try:
            rows = check_rows(read_table(uploaded), session)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return render(request, self.template_name, context, status=400)
        participant_import = ParticipantImport.objects.create(
            session=session, uploaded_by=request.user, filename=uploaded.name[:255], rows=rows
        )
        logger.info(
            "Participant import %s uploaded by user %s: %s rows",
            participant_import.pk,
            request.user.pk,
            len(rows),
        )
        return redirect("trainings:import_preview", pk=session.pk, import_pk=participant_import.pk)


class ImportPreviewView(TrainerRequiredMixin, View):
    template_name = "trainings/import_preview.html"

    def get_import(self, request, pk, import_pk):
        session = self.get_session(pk)
        participant_import = get_object_or_404(
            ParticipantImport, pk=import_pk, session=session, uploaded_by=request.user
        )
        return session, participant_import

    def get(self, request, pk, import_pk):
        session, participant_import = self.get_import(request, pk, import_pk)
        context = {"session": session, "participant_import": participant_import}
        return render(request, self.template_name, context)

    def post(self, request, pk, import_pk):
        session, participant_import = self.get_import(request, pk, import_pk)
        try:
            saved = services.participant_import_confirm(
                participant_import=participant_import, confirmed_by=request.user
            )
        except ValidationError as error:
            context = {
                "session": session,
                "participant_import": participant_import,
                "confirm_errors": error.messages,
            }
            return render(request, self.template_name, context, status=400)
        messages.success(request, _("%(count)s participants registered.") % {"count": saved})
        return redirect("trainings:session_detail", pk=session.pk)


# Attendance


class RollCallView(TrainerRequiredMixin, View):
    """The day's participants with one control each, saved in one request."""

    template_name = "trainings/roll_call.html"

    def get(self, request, pk, day):
        session = self.get_session(pk)
        try:
            day = parse_day(session, day)
        except ValidationError as error:
            return bad_request(request, error.messages[0])
        return self.render_page(session, day)

    def render_page(self, session, day, *, status=200, errors=(), walk_in_form=None):
        registrations = (
            Registration.objects.filter(session=session)
            .select_related("participant__institution")
            .prefetch_related(
                Prefetch(
                    "attendances", queryset=Attendance.objects.filter(day=day), to_attr="today"
                )
            )
            .order_by("participant__last_name", "participant__first_name", "pk")
        )
        rows = [
            {
                "registration": registration,
                "status": registration.today[0].status if registration.today else "",
            }
            for registration in registrations
        ]
        context = {
            "session": session,
            "day": day,
            "rows": rows,
            "statuses": Attendance.Status.choices,
            "errors": errors,
            "walk_in_form": walk_in_form or WalkInForm(),
            "previous_day": next((d for d in reversed(session.days) if d < day), None),
            "next_day": next((d for d in session.days if d > day), None),
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, pk, day):
        session = self.get_session(pk)
        try:
            day = parse_day(session, day)
        except ValidationError as error:
            return bad_request(request, error.messages[0])
        statuses = {}
        for key, value in request.POST.items():
            if key.startswith("status-") and value:
                try:
                    statuses[int(key.removeprefix("status-"))] = value
                except ValueError:
                    return bad_request(request, _("Invalid field %(name)s.") % {"name": key})
        try:
            result = services.attendance_record_day(
                session=session, day=day, statuses=statuses, recorded_by=request.user
            )
        except ValidationError as error:
            return self.render_page(session, day, status=400, errors=error.messages)
        messages.success(
            request,
            _("Attendance saved: %(created)s recorded, %(updated)s corrected.") % result,
        )
        return redirect("trainings:roll_call", pk=session.pk, day=day.isoformat())


class TestScoresView(TrainerRequiredMixin, View):
    """The session's registrations with their test scores before and after, saved at once."""

    template_name = "trainings/test_scores.html"

    def get(self, request, pk):
        session = self.get_session(pk)
        registrations = self.registrations(session)
        rows = [
            {
                "registration": registration,
                "form": TestScoresForm(
                    prefix=f"r{registration.pk}",
                    initial={
                        "pre_test_score": registration.pre_test_score,
                        "post_test_score": registration.post_test_score,
                    },
                ),
            }
            for registration in registrations
        ]
        return self.render_page(session, rows)

    def post(self, request, pk):
        session = self.get_session(pk)
        rows = []
        for registration in self.registrations(session):
            form = TestScoresForm(request.POST, prefix=f"r{registration.pk}")
            rows.append({"registration": registration, "form": form})
        # Validate every row, not only up to the first invalid one, so all errors show.
        invalid_rows = [row for row in rows if not row["form"].is_valid()]
        if invalid_rows:
            return self.render_page(session, rows, status=400)

        scores = {
            row["registration"].pk: (
                row["form"].cleaned_data["pre_test_score"],
                row["form"].cleaned_data["post_test_score"],
            )
            for row in rows
        }
        try:
            changed = services.registration_scores_save(
                session=session, scores=scores, updated_by=request.user
            )
        except ValidationError as error:
            errors = [text for texts in error.message_dict.values() for text in texts]
            return self.render_page(session, rows, status=400, errors=errors)
        messages.success(request, _("Test scores saved: %(count)s changed.") % {"count": changed})
        return redirect("trainings:test_scores", pk=session.pk)

    def registrations(self, session):
        return (
            Registration.objects.filter(session=session)
            .select_related("participant__institution")
            .order_by("participant__last_name", "participant__first_name", "pk")
        )

    def render_page(self, session, rows, *, status=200, errors=()):
        has_row_errors = any(row["form"].errors for row in rows)
        context = {
            "session": session,
            "rows": rows,
            "errors": errors,
            "has_row_errors": has_row_errors,
        }
        return render(self.request, self.template_name, context, status=status)


class WalkInView(RollCallView):
    def post(self, request, pk, day):
        session = self.get_session(pk)
        try:
            day = parse_day(session, day)
        except ValidationError as error:
            return bad_request(request, error.messages[0])
        form = WalkInForm(request.POST)
        if not form.is_valid():
            return self.render_page(session, day, status=400, walk_in_form=form)
        try:
            registration = services.registration_create_walk_in(
                session=session, registered_by=request.user, day=day, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_page(session, day, status=400, walk_in_form=form)
        messages.success(
            request,
            _("%(name)s added and marked present.") % {"name": registration.participant},
        )
        return redirect("trainings:roll_call", pk=session.pk, day=day.isoformat())


def check_in_token(session: TrainingSession, day: date) -> str:
    return signing.dumps({"session": session.pk, "day": day.isoformat()}, salt=CHECK_IN_SALT)


class CheckInQrView(TrainerRequiredMixin, View):
    """The QR code (SVG) that participants scan to check themselves in today."""

    def get(self, request, pk, day):
        session = self.get_session(pk)
        try:
            day = parse_day(session, day)
        except ValidationError as error:
            return bad_request(request, error.messages[0])
        url = request.build_absolute_uri(
            reverse("trainings:self_check_in", args=[check_in_token(session, day)])
        )
        image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
        buffer = io.BytesIO()
        image.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
        response["Cache-Control"] = "private, no-store"
        return response


class CheckInPageView(TrainerRequiredMixin, View):
    def get(self, request, pk, day):
        session = self.get_session(pk)
        try:
            day = parse_day(session, day)
        except ValidationError as error:
            return bad_request(request, error.messages[0])
        context = {"session": session, "day": day, "is_today": day == timezone.localdate()}
        return render(request, "trainings/check_in_qr.html", context)


class SelfCheckInView(LoginRequiredMixin, View):
    """Landing page of the day's QR code: a signed-in participant confirms presence."""

    template_name = "trainings/self_check_in.html"

    def resolve(self, token):
        try:
            payload = signing.loads(token, salt=CHECK_IN_SALT)
            session = TrainingSession.objects.select_related("course").get(pk=payload["session"])
            day = date.fromisoformat(payload["day"])
        except (signing.BadSignature, TrainingSession.DoesNotExist, KeyError, ValueError):
            raise Http404 from None
        if day != timezone.localdate():
            raise ValidationError(_("This QR code was valid on %(day)s only.") % {"day": day})
        return session, day

    def get(self, request, token):
        try:
            session, day = self.resolve(token)
        except ValidationError as error:
            return bad_request(request, error.messages[0], status=410)
        if services.registration_for_user(session=session, user=request.user) is None:
            return self.not_registered(session, day)
        return render(request, self.template_name, {"session": session, "day": day})

    def post(self, request, token):
        try:
            session, day = self.resolve(token)
            services.attendance_self_check_in(session=session, day=day, user=request.user)
        except services.NotRegisteredError:
            return self.not_registered(session, day)
        except ValidationError as error:
            return bad_request(request, error.messages[0], status=410)
        context = {"session": session, "day": day, "checked_in": True}
        return render(request, self.template_name, context)

    def not_registered(self, session, day):
        context = {"session": session, "day": day, "not_registered": True}
        return render(self.request, self.template_name, context, status=403)


# Exports


class AttendanceSheetView(TrainerRequiredMixin, View):
    def get(self, request, pk, file_format, day=None):
        if file_format not in ("xlsx", "pdf"):
            raise Http404
        session = self.get_session(pk)
        if day is not None:
            try:
                day = parse_day(session, day)
            except ValidationError as error:
                return bad_request(request, error.messages[0])
        suffix = day.isoformat() if day else "all-days"
        filename = f"attendance-{session.pk}-{suffix}.{file_format}"
        logger.info(
            "Attendance sheet %s of session %s exported by user %s",
            file_format,
            session.pk,
            request.user.pk,
        )
        if file_format == "xlsx":
            return xlsx_response(filename, exports.attendance_sheet_xlsx(session, day))
        return exports.attendance_sheet_pdf(session, day).response(filename)


class CertificatesView(TrainerRequiredMixin, View):
    """Certificates of attendance for everyone who met the course's required share."""

    def get(self, request, pk, registration_pk=None):
        session = self.get_session(pk)
        registrations = exports.session_registrations(session)
        if registration_pk is not None:
            registrations = registrations.filter(pk=registration_pk)
        documents = []
        for registration in registrations:
            days_attended = exports.attended_days(registration)
            if services.registration_is_certificate_eligible(registration, days_attended):
                documents.append(exports.certificate_pdf_bytes(registration, days_attended))
        if not documents:
            if registration_pk is not None and not registrations.exists():
                raise Http404
            return bad_request(
                request,
                _("No participant has attended %(percent)s%% of the days yet.")
                % {"percent": session.course.required_attendance_percent},
                status=409,
            )
        logger.info(
            "%s certificates of session %s exported by user %s",
            len(documents),
            session.pk,
            request.user.pk,
        )
        response = HttpResponse(exports.merge_pdfs(documents), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="certificates-{session.pk}.pdf"'
        return response


# Courses and trainers


class CourseListView(TrainerRequiredMixin, ListView):
    """Active courses; project staff also see inactive ones, to edit or reactivate them."""

    template_name = "trainings/course_list.html"
    context_object_name = "courses"

    def get_queryset(self):
        courses = Course.objects.annotate(session_count=Count("sessions", distinct=True))
        if not user_can(self.request.user, Capability.MANAGE_ALL_TRAININGS):
            courses = courses.filter(is_active=True)
        return courses.order_by("-is_active", "code")


class CourseDetailView(TrainerRequiredMixin, DetailView):
    template_name = "trainings/course_detail.html"
    context_object_name = "course"
    queryset = Course.objects.prefetch_related("materials", "certified_trainers")

    def get_context_data(self, **kwargs):
        from caselaw.models import Judgment

        context = super().get_context_data(**kwargs)
        context["judgments"] = Judgment.objects.visible_to(self.request.user).filter(
            training_courses=self.object
        )
        context["target_professions"] = [
            Profession(value).label
            for value in self.object.target_professions
            if value in Profession.values
        ]
        if user_can(self.request.user, Capability.MANAGE_ALL_TRAININGS):
            context.update(course_evaluation(self.object))
        return context


@never_cache
def course_material_download(request, pk, material_pk):
    """Send a course material as an attachment to a user who may see the course.

    Trainers and staff may download every material, and a registered participant those of
    the courses they are registered for. Anyone else gets a 404, signed in or not.
    NOTE: only the trainers' course page links here; participants have no page listing
    the materials of their courses yet.
    """
    materials = CourseMaterial.objects.visible_to(request.user)
    material = get_object_or_404(materials, pk=material_pk, course_id=pk)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as error:
        logger.warning("File of course material %s is missing from storage", material.pk)
        raise Http404 from error

    logger.info("Course material %s downloaded by user %s", material.pk, request.user.pk)
    extension = os.path.splitext(material.file.name)[1].lower()
    filename = f"{slugify(material.title) or f'material-{material.pk}'}{extension}"
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=content_type_for(material.file.name),
    )


def course_evaluation(course: Course) -> dict:
    """Return the staff-only outcome figures and evaluation comments of `course`."""
    outcomes = course_outcomes(course=course)
    # NOTE: every comment is listed on one page; a course taught for years may need paging.
    comments = (
        Registration.objects.filter(session__course=course)
        .exclude(evaluation_comment="")
        .select_related("session")
        .order_by("-session__start_date", "pk")
    )
    return {
        "show_evaluation": True,
        "outcome": outcomes[0] if outcomes else None,
        "evaluation_comments": comments,
    }


class StaffRequiredMixin(CapabilityRequiredMixin):
    required_capability = Capability.MANAGE_ALL_TRAININGS


class CourseFormView(StaffRequiredMixin, View):
    """Create (without `pk`) or edit a course, its three languages in one form."""

    template_name = "trainings/course_form.html"

    def get_course(self, pk):
        return get_object_or_404(Course, pk=pk) if pk is not None else None

    def render_form(self, form, course, status=200):
        context = {"form": form, "course": course}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk=None):
        course = self.get_course(pk)
        return self.render_form(CourseForm(instance=course, user=request.user), course)

    def post(self, request, pk=None):
        course = self.get_course(pk)
        form = CourseForm(request.POST, instance=course, user=request.user)
        if not form.is_valid():
            return self.render_form(form, course, status=400)
        fields = dict(form.cleaned_data)
        judgments = fields.pop("judgments")
        try:
            if course is None:
                course = services.course_create(
                    created_by=request.user, judgments=judgments, **fields
                )
                messages.success(request, _("Course created."))
            else:
                services.course_update(
                    course=course, updated_by=request.user, judgments=judgments, **fields
                )
                messages.success(request, _("Course saved."))
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(form, course, status=400)
        return redirect("trainings:course_detail", pk=course.pk)


class TrainerListView(TrainerRequiredMixin, ListView):
    """The register of trainers: readable by trainers, kept by project staff."""

    template_name = "trainings/trainer_list.html"
    context_object_name = "trainers"
    queryset = Trainer.objects.select_related("user").prefetch_related("certified_courses")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = user_can(self.request.user, Capability.MANAGE_ALL_TRAININGS)
        return context


class TrainerFormView(StaffRequiredMixin, View):
    """Add (without `pk`) or edit an entry of the register of trainers."""

    template_name = "trainings/trainer_form.html"

    def get_trainer(self, pk):
        return get_object_or_404(Trainer, pk=pk) if pk is not None else None

    def render_form(self, form, trainer, status=200):
        context = {"form": form, "trainer": trainer}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk=None):
        trainer = self.get_trainer(pk)
        return self.render_form(TrainerForm(instance=trainer), trainer)

    def post(self, request, pk=None):
        trainer = self.get_trainer(pk)
        form = TrainerForm(request.POST, instance=trainer)
        if not form.is_valid():
            return self.render_form(form, trainer, status=400)
        fields = dict(form.cleaned_data)
        try:
            # Form validation already copied the posted values onto `trainer`, so the
            # service starts from the stored record and applies the cleaned values itself.
            saved = services.trainer_save(
                trainer=Trainer.objects.get(pk=pk) if pk is not None else None,
                saved_by=request.user,
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(form, trainer, status=400)
        messages.success(request, _("%(name)s saved in the register.") % {"name": saved.name})
        return redirect("trainings:trainer_list")


# Statistics


class StatisticsView(CapabilityRequiredMixin, View):
    required_capability = Capability.VIEW_TRAINING_STATISTICS

    def figures(self, request):
        form = StatisticsFilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return form, None
        data = form.cleaned_data if form.is_bound else {}
        figures = training_figures(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            period=data.get("period") or "year",
        )
        return form, figures

    def get(self, request):
        form, figures = self.figures(request)
        status = 400 if figures is None else 200
        breakdowns = []
        if figures is not None:
            for dimension, label in DIMENSIONS:
                rows = figures.breakdowns[dimension]
                largest = max((row.people for row in rows), default=0)
                for row in rows:
                    row.bar_percent = 100 * row.people / largest if largest else 0
                breakdowns.append({"key": dimension, "label": label, "rows": rows})
        context = {
            "form": form,
            "figures": figures,
            "breakdowns": breakdowns,
            "query": request.GET.urlencode(),
        }
        return render(request, "trainings/statistics.html", context, status=status)


class StatisticsExportView(StatisticsView):
    def get(self, request, file_format):
        if file_format not in ("xlsx", "csv"):
            raise Http404
        form, figures = self.figures(request)
        if figures is None:
            return bad_request(
                request, " ".join(form.errors.get("__all__", [])) or _("Invalid filter.")
            )
        logger.info("Training statistics %s exported by user %s", file_format, request.user.pk)
        if file_format == "xlsx":
            return xlsx_response("training-statistics.xlsx", exports.statistics_xlsx(figures))
        return csv_response(
            "training-statistics.csv",
            exports.statistics_csv_header(),
            exports.statistics_csv_rows(figures),
        )


# Participants' own pages


class MyTrainingsView(LoginRequiredMixin, ListView):
    """The signed-in user's registrations, with a link to evaluate each attended session."""

    template_name = "trainings/my_trainings.html"
    context_object_name = "registrations"
    paginate_by = 50

    def get_queryset(self):
        attended_days = Attendance.objects.filter(
            registration=OuterRef("pk"), status__in=Attendance.ATTENDED
        )
        return (
            Registration.objects.of_user(self.request.user)
            .select_related("session__course")
            .annotate(has_attended=Exists(attended_days))
            .order_by("-session__start_date", "pk")
        )


class EvaluationView(LoginRequiredMixin, View):
    """A participant's rating and comment of a session they attended; others get a 404."""

    template_name = "trainings/evaluation_form.html"

    def get_registration(self, pk) -> Registration:
        registrations = (
            Registration.objects.of_user(self.request.user)
            .attended()
            .select_related("session__course")
        )
        return get_object_or_404(registrations, session_id=pk)

    def get(self, request, pk):
        registration = self.get_registration(pk)
        initial = {
            "rating": registration.evaluation_rating,
            "comment": registration.evaluation_comment,
        }
        return self.render_form(registration, EvaluationForm(initial=initial))

    def post(self, request, pk):
        registration = self.get_registration(pk)
        form = EvaluationForm(request.POST)
        if not form.is_valid():
            return self.render_form(registration, form, status=400)
        try:
            services.registration_evaluate(
                registration=registration,
                user=request.user,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(registration, form, status=400)
        messages.success(request, _("Thank you: your evaluation is saved."))
        return redirect("trainings:my_trainings")

    def render_form(self, registration, form, *, status=200):
        context = {"registration": registration, "session": registration.session, "form": form}
        return render(self.request, self.template_name, context, status=status)
