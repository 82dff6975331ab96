import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import Http404, QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.context import Person, short_date, staff_context
from nastavnik.documents.engine import DocumentError
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember


class Series:
    """Numbering series: documents of one series share one sequence per organization and year."""

    ORDER = "order"
    PROTOCOL = "protocol"


class OrganizationForm(forms.Form):
    """A form whose people are chosen from the organization's staff, with date pickers."""

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        staff = staff_queryset(organization)
        for f in self.fields.values():
            if isinstance(f, StaffChoiceField | StaffMultipleChoiceField):
                f.queryset = staff
            elif isinstance(f, forms.DateField):
                f.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            elif isinstance(f, forms.TimeField):
                f.widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class RowForm(OrganizationForm):
    """One row of a document's table (a pair, a curator, an agenda item…)."""


class KindForm(OrganizationForm):
    """The kind-specific part of a document form. Subclasses declare fields and, when they
    have a table of rows, `row_form` (a RowForm class) with `min_rows`."""

    row_form: type[RowForm] | None = None
    min_rows = 1
    rows_label: str | Promise = ""

    def initial_for(self) -> dict[str, Any]:
        """Defaults for a new document of this kind (overridden by kinds)."""
        return {}

    @classmethod
    def initial_from_query(cls, query: QueryDict, organization: Organization) -> dict[str, Any]:
        """Values a link to a new document preselects (`?mentorship=<pk>`), checked against
        the organization (overridden by kinds)."""
        return {}

    @classmethod
    def title_for(cls, initial: dict[str, Any], organization: Organization) -> str:
        """The title a new document starts with when the preselected values name it better
        than the kind's default title (overridden by kinds); empty for the default."""
        return ""

    def to_data(self, rows: list[dict[str, Any]]) -> dict[str, Any]:
        """JSON-safe data from the cleaned form and rows."""
        data = {name: to_json(value) for name, value in self.cleaned_data.items()}
        if self.row_form is not None:
            data["rows"] = [
                {k: to_json(v) for k, v in row.items() if k != "DELETE"} for row in rows
            ]
        return data

    def clean_rows(self, rows: list[dict[str, Any]]) -> None:
        """Checks across rows; raise forms.ValidationError with a Russian message."""


def staff_queryset(organization: Organization) -> Any:
    return StaffMember.objects.filter(organization=organization, is_active=True).order_by(
        "last_name", "first_name", "patronymic"
    )


class StaffChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", _("— choose a person —"))
        super().__init__(queryset=StaffMember.objects.none(), **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.position}" if obj.position else obj.full_name


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("Hold Ctrl (⌘ on a Mac) to choose several people."))
        super().__init__(queryset=StaffMember.objects.none(), **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.position}" if obj.position else obj.full_name


def to_json(value: Any) -> Any:
    if isinstance(value, StaffMember):
        return value.pk
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if hasattr(value, "__iter__") and not isinstance(value, str | dict):
        return [to_json(v) for v in value]
    if value is not None and not isinstance(value, bool | int | float | str | dict):
        return str(value)
    return value


def from_json(form_class: type[forms.Form], data: dict[str, Any]) -> dict[str, Any]:
    """Initial values for a form from stored data (dates back from ISO strings)."""
    return {k: v for k, v in data.items() if k in form_class.base_fields}


def parse_date(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


class People:
    """Resolves staff ids of one organization to template persons, in one query."""

    def __init__(self, organization: Organization, ids: Iterable[Any]) -> None:
        wanted = {int(i) for i in ids if i}
        self._staff = {
            s.pk: s for s in StaffMember.objects.filter(organization=organization, pk__in=wanted)
        }
        missing = wanted - set(self._staff)
        if missing:
            raise DocumentError(
                gettext(
                    "A person chosen in the document is no longer on the staff list of the "
                    "organization. Edit the document and choose another person."
                )
            )
        self._contexts: dict[int, Person] = {}

    def get(self, pk: Any) -> Person:
        """The person with this staff id (the caller checks that the id is set)."""
        pk = int(pk)
        if pk not in self._contexts:
            self._contexts[pk] = staff_context(self._staff[pk])
        return self._contexts[pk]

    def optional(self, pk: Any) -> Person | None:
        return self.get(pk) if pk else None

    def many(self, ids: Iterable[Any]) -> list[Person]:
        return [self.get(i) for i in ids if i]


def unique(people: Iterable[Any]) -> list[Person]:
    seen, result = set(), []
    for p in people:
        if p and p["full_name"] not in seen:
            seen.add(p["full_name"])
            result.append(p)
    return result


def order_reference(number: Any, date: Any) -> dict[str, str] | None:
    if not number and not date:
        return None
    return {"number": number or "___", "date": short_date(parse_date(date))}


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: str | Promise
    form: type[KindForm]
    context: Callable[[dict[str, Any], Organization], dict[str, Any]]
    staff_ids: Callable[[dict[str, Any]], set[int]]
    variables: list[tuple[str, str | Promise]]
    series: str | None = Series.ORDER
    default_title: str | Promise = ""
    per_person: bool = False
    description: str | Promise = ""
    extra: dict[str, Any] = field(default_factory=dict)


KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    KINDS[kind.code] = kind
    return kind


def get_kind(code: str) -> DocumentKind:
    try:
        return KINDS[code]
    except KeyError as exc:
        raise Http404 from exc


def ids_in(data: dict[str, Any], *names: str, rows: Iterable[str] = ()) -> set[int]:
    """The staff ids in `data` under the field names and the row field names."""
    found: set[int] = set()

    def add(value: Any) -> None:
        if isinstance(value, list):
            for v in value:
                add(v)
        elif value:
            found.add(int(value))

    for name in names:
        add(data.get(name))
    for row in data.get("rows", []):
        for name in rows:
            add(row.get(name))
    return found


ROWS_REQUIRED = _("Add at least one row to the table.")
