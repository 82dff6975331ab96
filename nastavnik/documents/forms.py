import datetime
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nastavnik.accounts.models import Role
from nastavnik.core.services import academic_year_for
from nastavnik.documents.kinds import DocumentKind
from nastavnik.documents.kinds.base import ROWS_REQUIRED
from nastavnik.documents.models import Document, DocumentLink
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import StaffMember


class DocumentHeaderForm(forms.Form):
    number = forms.CharField(
        label=_("Number"),
        max_length=30,
        required=False,
        help_text=_("The next free number is offered; change it if needed."),
    )
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    title = forms.CharField(label=_("Title"), max_length=500)

    def __init__(self, *args: Any, kind: DocumentKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not kind.series:
            del self.fields["number"]


def rows_formset(kind: DocumentKind) -> Any:
    row_form = kind.form.row_form
    assert row_form is not None
    formset = formset_factory(
        row_form,
        extra=0,
        min_num=kind.form.min_rows,
        validate_min=True,
        can_delete=True,
    )
    formset.default_error_messages = {
        **formset.default_error_messages,
        "too_few_forms": ROWS_REQUIRED,
    }
    return formset


class SignForm(forms.Form):
    scan = forms.FileField(
        label=_("Signed scan"),
        help_text=_("PDF, JPG or PNG up to 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    signed_at = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class TemplateUploadForm(forms.Form):
    template = forms.FileField(
        label=_("Your template (DOCX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )


class BatchForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=StaffMember.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose at least one person.")},
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = StaffMember.objects.filter(  # type: ignore[attr-defined]
            organization=organization, is_active=True
        ).order_by("last_name", "first_name", "patronymic")
        self.fields["people"].label_from_instance = lambda s: (  # type: ignore[attr-defined]
            f"{s.full_name} — {s.position}"
        )


def _curator_staff(organization: Organization) -> StaffMember | None:
    return (
        StaffMember.objects.filter(
            organization=organization,
            is_active=True,
            user__role_assignments__role=Role.CURATOR,
            user__role_assignments__organization=organization,
        )
        .order_by("pk")
        .first()
    )


def _pairs_without_order(organization: Organization, year: Any) -> list[dict[str, Any]]:
    """The pairs and groups of the year not yet named in a pair-assignment order: after the
    matching is accepted, the order opens with them."""
    from django.contrib.contenttypes.models import ContentType

    from nastavnik.mentorships.models import Mentorship

    in_orders = DocumentLink.objects.filter(
        document__organization=organization,
        document__academic_year=year,
        document__kind="order_pairs",
        content_type=ContentType.objects.get_for_model(StaffMember),
    ).values("object_id")
    pairs = (
        Mentorship.objects.filter(
            organization=organization,
            academic_year=year,
            status__in=[Mentorship.Status.FORMING, Mentorship.Status.ACTIVE],
        )
        .exclude(mentees__in=in_orders)
        .select_related("mentor")
        .prefetch_related("mentees")
        .order_by("pk")
    )
    return [
        {
            "mentor": pair.mentor,
            "mentees": list(pair.mentees.all()),
            "form": pair.form,
            "start": pair.starts_on,
            "end": pair.ends_on,
        }
        for pair in pairs
    ]


def defaults(
    kind: DocumentKind, organization: Organization, today: datetime.date
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What a new document of the kind starts with: the organization's own data."""
    initial: dict[str, Any] = {}
    rows: list[dict[str, Any]] = []
    year = academic_year_for(today)
    implementation = (
        Document.objects.filter(organization=organization, kind="order_implementation")
        .order_by("-date", "-pk")
        .first()
    )
    if implementation:
        initial["regulation_number"] = implementation.number
        initial["regulation_date"] = implementation.date
    curator = _curator_staff(organization)
    code = kind.code
    if code == "order_implementation":
        initial.update({"start_date": today, "curator": curator})
    elif code == "order_curator":
        rows = [{"person": curator}] if curator else [{}]
    elif code == "order_pairs":
        initial.update({"curator": curator, "programs_due": today + datetime.timedelta(days=30)})
        rows = _pairs_without_order(organization, year) or [
            {"start": today, "end": datetime.date(year.start_year + 1, 5, 31)}
        ]
    elif code == "order_award":
        initial["basis"] = gettext(
            "For active participation in the implementation of the target model of mentorship "
            "of pedagogical workers in the %(year)s academic year"
        ) % {"year": year}
        rows = [{}]
    elif code == "order_final_event":
        initial.update({"date": datetime.date(year.start_year + 1, 5, 20), "responsible": curator})
    elif code == "order_early_end":
        initial.update(
            {
                "end_date": today,
                "search_due": today + datetime.timedelta(days=14),
                "curator": curator,
            }
        )
    elif code == "mentorship_program":
        initial["curator"] = curator
    elif code == "protocol":
        initial["present"] = StaffMember.objects.filter(
            organization=organization, is_active=True
        ).count()
        rows = [{}]
    elif code == "roadmap":
        council = (
            Document.objects.filter(organization=organization, kind="protocol")
            .order_by("-date", "-pk")
            .first()
        )
        if council:
            initial.update({"council_number": council.number, "council_date": council.date})
        if implementation:
            initial.update(
                {"approval_number": implementation.number, "approval_date": implementation.date}
            )
    elif code == "regulation":
        council = (
            Document.objects.filter(organization=organization, kind="protocol")
            .order_by("-date", "-pk")
            .first()
        )
        if council:
            initial.update({"council_number": council.number, "council_date": council.date})
        if implementation:
            initial.update(
                {"approval_number": implementation.number, "approval_date": implementation.date}
            )
    return initial, rows
