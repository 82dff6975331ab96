from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.monitoring.models import ControlPoint


class ControlPointForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ControlPoint.Kind.choices)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Name of the control point"), max_length=300)
