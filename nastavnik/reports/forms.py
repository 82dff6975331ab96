from django import forms
from django.utils.translation import gettext_lazy as _


class ReportTextsForm(forms.Form):
    introduction = forms.CharField(
        label=_("General information"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("One paragraph per line."),
    )
    conclusions = forms.CharField(
        label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    problems = forms.CharField(
        label=_("Problems and risks"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    proposals = forms.CharField(
        label=_("Proposals for the next year"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What to correct"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class DeadlineForm(forms.Form):
    due_on = forms.DateField(
        label=_("Submit by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
