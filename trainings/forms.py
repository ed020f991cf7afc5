from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from trainings.imports import MAX_UPLOAD_BYTES
from trainings.models import Course, Participant, Profession, Trainer, TrainingSession

# Languages of the translated course fields, in the order the form shows them.
CONTENT_LANGUAGES = [("sq", _("Albanian")), ("sr", _("Serbian (Cyrillic)")), ("en", _("English"))]
TRANSLATED_COURSE_FIELDS = ["title", "description", "topics", "learning_objectives"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CertifiedTrainerWidget(forms.CheckboxSelectMultiple):
    """Trainer checkboxes carrying the ids of the courses each trainer is certified for.

    trainings.js reads `data-courses` to hide the trainers not certified for the chosen
    course; without the script every trainer is shown and the server checks the choice.
    """

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        trainer = getattr(value, "instance", None)
        if trainer is not None:
            course_ids = " ".join(str(course.pk) for course in trainer.certified_courses.all())
            option["attrs"]["data-courses"] = course_ids
        return option


class TrainingSessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = [
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
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "trainers": CertifiedTrainerWidget(),
        }
        help_texts = {
            "trainers": _(
                "Only trainers certified to deliver the chosen course may be selected; "
                "the register of trainers lists their courses."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = Trainer.objects.prefetch_related(
            "certified_courses"
        ).order_by("name")


class CourseForm(forms.ModelForm):
    """A course with its title, description, topics and objectives in sq, sr and en."""

    target_professions = forms.MultipleChoiceField(
        label=_("Target professions"),
        choices=Profession.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(),
    )

    class Meta:
        model = Course
        fields = [
            "code",
            *(
                f"{name}_{language}"
                for name in TRANSLATED_COURSE_FIELDS
                for language, _label in CONTENT_LANGUAGES
            ),
            "target_professions",
            "required_attendance_percent",
            "judgments",
            "is_active",
        ]
        # NOTE: course materials (files) are still uploaded in the admin only.
        widgets = {"judgments": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, user, **kwargs):
        from caselaw.models import Judgment

        super().__init__(*args, **kwargs)
        self.fields[f"title_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"].required = True
        for name in TRANSLATED_COURSE_FIELDS:
            for language, language_label in CONTENT_LANGUAGES:
                self.fields[f"{name}_{language}"].label = language_label
        # Judgments already linked stay selectable even when this user may not read them,
        # so saving the form does not silently unlink them.
        linked = self.instance.judgments.all() if self.instance.pk else Judgment.objects.none()
        self.fields["judgments"].queryset = (Judgment.objects.visible_to(user) | linked).distinct()
        # NOTE: a plain multiple select; with thousands of judgments it needs a search widget.

    def translated_groups(self):
        """Return (label, bound fields) per translated field, for side-by-side languages."""
        labels = {
            name: Course._meta.get_field(name).verbose_name for name in TRANSLATED_COURSE_FIELDS
        }
        return [
            (labels[name], [self[f"{name}_{language}"] for language, _label in CONTENT_LANGUAGES])
            for name in TRANSLATED_COURSE_FIELDS
        ]

    def other_fields(self):
        translated = {
            f"{name}_{language}"
            for name in TRANSLATED_COURSE_FIELDS
            for language, _label in CONTENT_LANGUAGES
        }
        shown_first = translated | {"code"}
        return [field for field in self.visible_fields() if field.name not in shown_first]


class TrainerForm(forms.ModelForm):
    """An entry of the register of trainers: a platform trainer or an external one."""

    class Meta:
        model = Trainer
        fields = ["user", "name", "email", "organisation", "certified_courses"]
        widgets = {"certified_courses": forms.CheckboxSelectMultiple()}
        help_texts = {
            "user": _(
                "A platform user with the trainer role. Leave empty for an external trainer."
            ),
            "name": _("Required for an external trainer; taken from the account otherwise."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        linked_user = Q(pk=self.instance.user_id) if self.instance.user_id else Q(pk__in=[])
        self.fields["user"].queryset = (
            User.objects.filter(
                (Q(groups__name=Role.TRAINER.value) & Q(trainer_profile__isnull=True)) | linked_user
            )
            .distinct()
            .order_by("last_name", "first_name", "email")
        )
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.get_full_name()} <{user.email}>" if user.get_full_name() else user.email
        )
        self.fields["name"].required = False
        linked_courses = (
            Q(pk__in=self.instance.certified_courses.values("pk"))
            if self.instance.pk
            else Q(pk__in=[])
        )
        self.fields["certified_courses"].queryset = Course.objects.filter(
            Q(is_active=True) | linked_courses
        ).order_by("code")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("user") and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Enter the name of an external trainer, or choose a user."))
        return cleaned


class ParticipantForm(forms.ModelForm):
    confirm_similar = forms.BooleanField(
        label=_("This is a different person from the similar names listed above"),
        required=False,
    )

    class Meta:
        model = Participant
        fields = [
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

    def _get_validation_exclusions(self):
        # An e-mail already recorded is not a form error: the view reuses that participant.
        return super()._get_validation_exclusions() | {"email"}


class WalkInForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["first_name", "last_name", "sex", "institution", "profession", "email"]

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() | {"email"}


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label=_("Participant list (XLSX or CSV)"),
        help_text=_(
            "One participant a row under a header row: First name, Last name, Sex, "
            "Institution, Profession, Position, E-mail, Phone. Headers in Albanian or "
            "Serbian are accepted."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("Upload an XLSX or CSV file."))
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // 2**20}
            )
        return uploaded


class StatisticsFilterForm(forms.Form):
    PERIODS = [("year", _("Year")), ("quarter", _("Quarter")), ("month", _("Month"))]

    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    period = forms.ChoiceField(label=_("Group periods by"), choices=PERIODS, required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(_("The end date must not be before the start date."))
        return cleaned


class TestScoresForm(forms.Form):
    """The two knowledge test scores of one registration, a row of the scores page."""

    pre_test_score = forms.DecimalField(
        label=_("Score before"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )
    post_test_score = forms.DecimalField(
        label=_("Score after"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )


class EvaluationForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[
            (1, _("1 – poor")),
            (2, "2"),
            (3, "3"),
            (4, "4"),
            (5, _("5 – excellent")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. What was useful, and what should change?"),
    )
