from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from caselaw.documents import extract_text
from caselaw.models import (
    EDITABLE_FACT_FIELDS,
    EDITABLE_RECORD_FIELDS,
    EDITABLE_VOCABULARY_FIELDS,
    AnonymisationFinding,
    Defendant,
    Judgment,
    ProtectedPerson,
)


class CountryCodesField(forms.CharField):
    """Comma-separated ISO 3166-1 alpha-2 codes, e.g. "XK, AL, MD"."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        codes = [code.strip().upper() for code in text.replace(";", ",").split(",")]
        codes = [code for code in codes if code]
        invalid = [code for code in codes if len(code) != 2 or not code.isalpha()]
        if invalid:
            raise ValidationError(
                _("Use two-letter country codes such as XK or AL; invalid: %(codes)s."),
                params={"codes": ", ".join(invalid)},
            )
        return list(dict.fromkeys(codes))


class JudgmentForm(forms.ModelForm):
    victim_nationalities = CountryCodesField(
        label=_("Victim nationalities"),
        required=False,
        help_text=_("Two-letter country codes separated by commas, XK for Kosovo*."),
    )
    restricted_to_roles = forms.MultipleChoiceField(
        label=_("Restricted to roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a restricted judgment: the roles that may read it. Editors always may."),
    )

    class Meta:
        model = Judgment
        fields = [*EDITABLE_RECORD_FIELDS, *EDITABLE_VOCABULARY_FIELDS, *EDITABLE_FACT_FIELDS]
        widgets = {
            "decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "headnote_sq": forms.Textarea(attrs={"rows": 3}),
            "headnote_sr": forms.Textarea(attrs={"rows": 3}),
            "headnote_en": forms.Textarea(attrs={"rows": 3}),
            "summary_sq": forms.Textarea(attrs={"rows": 5}),
            "summary_sr": forms.Textarea(attrs={"rows": 5}),
            "summary_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appeal_of"].queryset = Judgment.objects.select_related("court")
        if self.instance.pk:
            self.fields["appeal_of"].queryset = self.fields["appeal_of"].queryset.exclude(
                pk=self.instance.pk
            )
        # One title is enough to start; the first title given also fills the default field.
        for language in ("sq", "sr", "en"):
            self.fields[f"title_{language}"].required = False

    def clean(self):
        cleaned = super().clean()
        titles = [cleaned.get(f"title_{language}") for language in ("sq", "sr", "en")]
        if not any(titles):
            raise ValidationError(_("Give the judgment a title in at least one language."))
        return cleaned

    def m2m_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITABLE_VOCABULARY_FIELDS}


class SourceForm(forms.Form):
    document = forms.FileField(
        label=_("Source document"),
        required=False,
        help_text=_("A PDF or DOCX file of up to 20 MB."),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("document")
        if document:
            try:
                # The service reuses this result, so the document is parsed only once.
                cleaned["extracted"] = extract_text(document)
            except ValidationError as error:
                self.add_error("document", error)
        elif not (cleaned.get("text") or "").strip():
            raise ValidationError(_("Upload a PDF or DOCX document or paste the text."))
        return cleaned


class ProtectedPersonForm(forms.ModelForm):
    class Meta:
        model = ProtectedPerson
        fields = ["name", "pseudonym", "role"]
        # The project catalogue translates "name" as the name of a thing (Serbian назив).
        labels = {"name": _("Full name")}


class ManualFindingForm(forms.Form):
    KIND_CHOICES = [
        ("person", _("Person")),
        ("address", _("Address")),
        ("place", _("Place")),
        ("date_of_birth", _("Date of birth")),
        ("other", _("Other identifier")),
    ]
    text = forms.CharField(label=_("Text to replace"), max_length=500)
    replacement = forms.CharField(label=_("Replacement"), max_length=100, initial="[…]")
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, initial="other")


class FindingDecisionForm(forms.Form):
    status = forms.ChoiceField(choices=AnonymisationFinding.Status.choices)


class DefendantForm(forms.ModelForm):
    class Meta:
        model = Defendant
        fields = [
            "pseudonym",
            "sex",
            "charged_provision",
            "convicted_provision",
            "verdict",
            "sentence_months",
            "suspended",
            "fine_eur",
            "confiscation_ordered",
            "confiscated_eur",
        ]


DefendantFormSet = forms.inlineformset_factory(
    Judgment, Defendant, form=DefendantForm, extra=1, can_delete=True
)
