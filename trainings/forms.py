from django import forms
from django.utils.translation import gettext_lazy as _

from trainings.imports import MAX_UPLOAD_BYTES
from trainings.models import Participant, Trainer, TrainingSession


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


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
            "trainers": forms.CheckboxSelectMultiple(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = Trainer.objects.order_by("name")


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
