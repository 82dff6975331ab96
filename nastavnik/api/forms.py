from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Who will use the token"),
        max_length=200,
        help_text=_("E.g. «Information system of the regional centre»."),
    )
