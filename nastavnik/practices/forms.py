"""Forms of the methodological library and of the awards."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.core.models import AcademicYear
from nastavnik.core.uploads import MAX_UPLOAD_BYTES
from nastavnik.documents.kinds.base import StaffChoiceField, StaffMultipleChoiceField
from nastavnik.documents.kinds.orders import Award, MentorshipForm
from nastavnik.mentorships.models import OrganizationEvent


class PracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    academic_year = forms.ModelChoiceField(
        label=_("Academic year"), queryset=AcademicYear.objects.all(), empty_label=None
    )
    form = forms.ChoiceField(label=_("Form of mentorship"), choices=MentorshipForm.choices)
    authors = StaffMultipleChoiceField(
        label=_("Authors from the staff"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    other_authors = forms.CharField(
        label=_("Other authors"),
        max_length=500,
        required=False,
        help_text=_("Authors who are not on the staff list, separated by commas."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=500,
        required=False,
        help_text=_("Separated by commas, for example: адаптация, молодой педагог."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    event = forms.ModelChoiceField(
        label=_("Selected at the event"),
        queryset=OrganizationEvent.objects.none(),
        required=False,
        empty_label=_("— no event —"),
    )
    file = forms.FileField(
        label=_("File"), required=False, help_text=_("At most 20 MB. More files on the next page.")
    )

    def __init__(self, *args: Any, staff: Any, events: Any, with_file: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = staff  # type: ignore[attr-defined]
        self.fields["event"].queryset = events  # type: ignore[attr-defined]
        if not with_file:
            del self.fields["file"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class PracticeFileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = forms.FileField(label=_("File"), required=False, help_text=_("At most 20 MB."))
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None and upload.size and upload.size > MAX_UPLOAD_BYTES:
            self.add_error("file", _("The file is larger than 20 MB."))
        elif not upload and not data.get("url") and not self.errors:
            raise forms.ValidationError(_("Attach a file or give a link."))
        return data


class LibrarySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    year = forms.ModelChoiceField(
        label=_("Academic year"),
        queryset=AcademicYear.objects.none(),
        required=False,
        empty_label=_("all years"),
    )
    form = forms.ChoiceField(label=_("Form of mentorship"), required=False)
    tag = forms.ChoiceField(label=_("Tag"), required=False)

    def __init__(self, *args: Any, years: Any, tags: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = years  # type: ignore[attr-defined]
        self.fields["form"].choices = [("", _("all forms")), *MentorshipForm.choices]  # type: ignore[attr-defined]
        self.fields["tag"].choices = [("", _("all tags")), *((t, t) for t in tags)]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        self.is_valid()  # an unknown value drops its filter only
        data = self.cleaned_data
        return {
            "search": data.get("q") or "",
            "year": data.get("year"),
            "form": data.get("form") or "",
            "tag": data.get("tag") or "",
        }


class NominationForm(forms.Form):
    staff = StaffChoiceField(label=_("Participant"))
    kind = forms.ChoiceField(label=_("Reward"), choices=Award.choices)
    amount = forms.DecimalField(
        label=_("Bonus, roubles"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    reason = forms.CharField(
        label=_("For what"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Award.BONUS and not data.get("amount"):
            self.add_error("amount", _("Enter the amount of the bonus."))
        return data
