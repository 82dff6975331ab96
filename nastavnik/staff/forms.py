from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.declension import detect_gender
from nastavnik.staff.models import StaffMember


class StaffMemberForm(forms.Form):
    last_name = forms.CharField(label=_("Surname"), max_length=100)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("— detect from the patronymic —")), *StaffMember.Gender.choices],
        required=False,
        help_text=_(
            "Documents decline the name by it («Ивановой Марии Петровне»). Choose it when the "
            "patronymic does not tell."
        ),
    )
    position = forms.CharField(
        label=_("Position"), max_length=200, help_text=_("For example: «Учитель математики».")
    )
    is_active = forms.BooleanField(label=_("On staff"), required=False, initial=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        if not data.get("gender") and data.get("first_name"):
            detected = detect_gender(
                first_name=data["first_name"], patronymic=data.get("patronymic", "")
            )
            if detected is None:
                self.add_error(
                    "gender",
                    _("The gender cannot be told from the name and patronymic: choose it."),
                )
            else:
                data["gender"] = str(detected)
        return data


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("Staff list (XLSX or CSV)"),
        help_text=_("One person per row; the first row holds the column names."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args: Any, label: Any = None, **kwargs: Any) -> None:
        """`label` names the list when it is not the staff list («Список обучающихся…»)."""
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["file"].label = label

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_SIZE:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


MAX_IMPORT_SIZE = 20 * 1024 * 1024
