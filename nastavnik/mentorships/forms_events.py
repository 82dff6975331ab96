"""Forms of the events of an organization."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.mentorships.events import MAX_MATERIAL_BYTES
from nastavnik.mentorships.forms import DATE
from nastavnik.mentorships.models import OrganizationEvent
from nastavnik.staff.models import StaffMember


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganizationEvent.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    date = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    duration = forms.IntegerField(
        label=_("Duration, minutes"), required=False, min_value=5, max_value=1440
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    all_mentors = forms.BooleanField(
        label=_("Add all mentors of the bank of the year"), required=False
    )
    all_mentees = forms.BooleanField(
        label=_("Add all mentees of the bank of the year"), required=False
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Participants"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = staff  # type: ignore[attr-defined]


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"), required=False, help_text=_("At most 20 MB."))
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None and upload.size and upload.size > MAX_MATERIAL_BYTES:
            self.add_error("file", _("The file is larger than 20 MB."))
        elif not upload and not data.get("url") and not self.errors:
            raise forms.ValidationError(_("Attach a file or give a link."))
        return data
