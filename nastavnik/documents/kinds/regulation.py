"""The Regulation on mentorship, the protocol of the pedagogical council, the consents."""

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.context import quoted_date, short_date
from nastavnik.documents.engine import DocumentError
from nastavnik.documents.kinds.base import (
    DocumentKind,
    KindForm,
    People,
    RowForm,
    Series,
    StaffChoiceField,
    ids_in,
    parse_date,
    register,
)
from nastavnik.documents.regulation_text import render_sections
from nastavnik.organizations.models import Organization

# 2. The Regulation (Положение): the model text with the organization's data, edited by the school.

SECTION_MARK = "#"


def regulation_markup(organization: Organization) -> str:
    """The model text as the editor shows it: «# Title» lines, then one point per line."""
    region = organization.municipality.region
    sections = render_sections(
        {
            "organization_full_name": organization.full_name,
            "organization_short_name": organization.short_name,
            "region_name": region.name,
            "regional_center_name": region.center_name or region.name,
        }
    )
    lines = []
    for section in sections:
        lines.append(f"{SECTION_MARK} {section.title}")
        lines.extend(section.points)
        lines.append("")
    return "\n".join(lines).strip() + "\n"


def parse_markup(text: str) -> list[dict[str, Any]]:
    sections: list[dict[str, Any]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith(SECTION_MARK):
            title = line.lstrip(SECTION_MARK).strip()
            if not title:
                raise forms.ValidationError(
                    gettext("Line %(line)s: a section heading needs a title after «#».")
                    % {"line": number}
                )
            sections.append({"title": title, "points": []})
        elif not sections:
            raise forms.ValidationError(
                gettext("Line %(line)s: the text must start with a section heading, a line «# …».")
                % {"line": number}
            )
        else:
            sections[-1]["points"].append(line)
    if not sections:
        raise forms.ValidationError(gettext("The text of the Regulation is empty."))
    empty = [s["title"] for s in sections if not s["points"]]
    if empty:
        raise forms.ValidationError(
            gettext("The section «%(title)s» has no points.") % {"title": empty[0]}
        )
    return sections


class RegulationForm(KindForm):
    council_number = forms.CharField(
        label=_("Protocol of the pedagogical council, No."), max_length=30, required=False
    )
    council_date = forms.DateField(label=_("Date of the council"), required=False)
    approval_number = forms.CharField(
        label=_("Approved by order No."), max_length=30, required=False
    )
    approval_date = forms.DateField(label=_("Date of the order"), required=False)
    text = forms.CharField(
        label=_("Text of the Regulation"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace"}),
        help_text=_(
            "A line starting with «#» begins a section; every other line is a point. Numbers are "
            "added when the document is made."
        ),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, organization=organization, **kwargs)
        if not self.is_bound and not self.initial.get("text"):
            self.initial["text"] = regulation_markup(organization)

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        parse_markup(text)
        return text


def regulation_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    try:
        sections = parse_markup(data["text"])
    except forms.ValidationError as exc:
        raise DocumentError(" ".join(exc.messages)) from exc
    return {
        "sections": sections,
        "council": {
            "number": data.get("council_number") or "___",
            "date": short_date(parse_date(data.get("council_date"))) or "__.__.20__",
        },
        "approval": {
            "number": data.get("approval_number") or "___",
            "date": short_date(parse_date(data.get("approval_date"))) or "__.__.20__",
            "date_quoted": quoted_date(parse_date(data.get("approval_date"))),
        },
    }


register(
    DocumentKind(
        code="regulation",
        label=_("Regulation on the system of mentorship of pedagogical workers"),
        default_title=_("Regulation on the system of mentorship of pedagogical workers"),
        description=_(
            "The full model text with the organization's data; edit it before approving."
        ),
        series=None,
        form=RegulationForm,
        context=regulation_context,
        staff_ids=lambda data: set(),
        variables=[
            ("sections", _("sections: .title and .points (the text of each point)")),
            ("council", _("the protocol of the pedagogical council: .number, .date")),
            ("approval", _("the approving order: .number, .date, .date_quoted")),
        ],
    )
)


# 6. The protocol (or an extract from it) of the pedagogical council.


class AgendaRow(RowForm):
    topic = forms.CharField(label=_("Item of the agenda"), max_length=500)
    heard = forms.CharField(
        label=_("Heard"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who reported and on what: «Морозову Е.Д., куратора, о …»."),
    )
    spoke = forms.CharField(
        label=_("Spoke"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    decided = forms.CharField(label=_("Decided"), widget=forms.Textarea(attrs={"rows": 2}))
    votes_for = forms.IntegerField(label=_("For"), min_value=0, initial=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, initial=0)
    votes_abstained = forms.IntegerField(label=_("Abstained"), min_value=0, initial=0)


class ProtocolForm(KindForm):
    row_form = AgendaRow
    rows_label = _("Agenda")
    extract = forms.BooleanField(
        label=_("Extract from the protocol"),
        required=False,
        help_text=_("Certified by the head: «Выписка верна»."),
    )
    chair = StaffChoiceField(label=_("Chair"))
    secretary = StaffChoiceField(label=_("Secretary"))
    present = forms.IntegerField(label=_("Present, people"), min_value=1)
    absent = forms.IntegerField(label=_("Absent, people"), min_value=0, required=False)

    def clean_rows(self, rows: list[dict[str, Any]]) -> None:
        present = self.cleaned_data.get("present")
        if not present:
            return
        for number, row in enumerate(rows, start=1):
            votes = row["votes_for"] + row["votes_against"] + row["votes_abstained"]
            if votes > present:
                raise forms.ValidationError(
                    gettext(
                        "Item %(item)s: %(votes)s votes, but only %(present)s people are present."
                    )
                    % {"item": number, "votes": votes, "present": present}
                )


AGENDA_DEFAULTS = {
    "topic": "",
    "heard": "",
    "spoke": "",
    "decided": "",
    "votes_for": 0,
    "votes_against": 0,
    "votes_abstained": 0,
}


def protocol_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    people = People(organization, ids_in(data, "chair", "secretary"))
    return {
        "extract": bool(data.get("extract")),
        "chair": people.get(data["chair"]),
        "secretary": people.get(data["secretary"]),
        "present": data["present"],
        "absent": data.get("absent") or 0,
        "items": [{**AGENDA_DEFAULTS, **row} for row in data.get("rows", [])],
    }


register(
    DocumentKind(
        code="protocol",
        label=_("Protocol of the pedagogical council"),
        default_title=_("Meeting of the pedagogical council"),
        description=_("The protocol or an extract from it, with the agenda and the votes."),
        series=Series.PROTOCOL,
        form=ProtocolForm,
        context=protocol_context,
        staff_ids=lambda data: ids_in(data, "chair", "secretary"),
        variables=[
            ("extract", _("true for an extract")),
            ("chair, secretary", _("persons")),
            ("present, absent", _("how many people were present and absent")),
            ("items", _("agenda items: .topic, .heard, .spoke, .decided, .votes_for, …")),
        ],
    )
)


# 7. The personal-data consent, one per person (made in bulk).


class ConsentForm(KindForm):
    """Per-person documents have no fields of their own; the people are chosen in bulk."""


def consent_context(data: dict[str, Any], organization: Organization) -> dict[str, Any]:
    return {}


register(
    DocumentKind(
        code="consent_personal_data",
        label=_("Consent to the processing of personal data"),
        default_title=_("Consents to the processing of personal data"),
        description=_("152-FZ art. 9: operator, purpose, data, actions, term, revocation."),
        series=None,
        per_person=True,
        form=ConsentForm,
        context=consent_context,
        staff_ids=lambda data: set(),
        variables=[("person", _("the person who gives the consent"))],
    )
)
