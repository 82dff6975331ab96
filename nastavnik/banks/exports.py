"""XLSX exports of the staff list and of the banks, in Russian, one row per person."""

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from nastavnik.banks import selectors
from nastavnik.banks.models import Consent
from nastavnik.core.models import AcademicYear
from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.organizations.models import Organization
from nastavnik.staff.models import PersonKind, StaffMember


def _workbook(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    book = Workbook(write_only=False)
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in headers]
    for row in rows:
        values = [v if v is not None else "" for v in row]
        sheet.append(values)
        for i, v in enumerate(values):
            widths[i] = min(max(widths[i], len(str(v))), 60)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width + 2
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _date(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def staff_xlsx(*, organization: Organization) -> bytes:
    with translation.override("ru"):
        staff = list(
            StaffMember.objects.filter(
                organization=organization, is_active=True, kind=PersonKind.STAFF
            ).order_by("last_name", "first_name", "patronymic")
        )
        rules = selectors.rules_for(organization.municipality.region_id)
        consents = selectors.current_consents([s.pk for s in staff])
        today = timezone.localdate()
        headers = [
            _("Surname"),
            _("First name"),
            _("Patronymic"),
            _("Gender"),
            _("Date of birth"),
            _("Position"),
            _("Subjects taught"),
            _("Qualification category"),
            _("Pedagogical experience, years"),
            _("Date of hire"),
            _("Education"),
            _("E-mail"),
            _("Phone"),
            _("Young specialist"),
            _("New employee"),
            _("Consent to the processing of personal data"),
        ]
        rows = []
        for s in staff:
            marks = selectors.badges(s, rules, today)
            consent = consents.get(s.pk, {}).get(Consent.Kind.PERSONAL_DATA)
            rows.append(
                [
                    s.last_name,
                    s.first_name,
                    s.patronymic,
                    s.get_gender_display(),
                    _date(s.birth_date),
                    s.position,
                    s.subjects,
                    s.get_category_display() if s.category else "",
                    s.experience_on(today),
                    _date(s.hired_on),
                    s.education,
                    s.email,
                    s.phone,
                    _("yes") if marks.young else "",
                    _("yes") if marks.new_employee else "",
                    consent.get_status_display() if consent else _("not requested"),
                ]
            )
        return _workbook(_("Staff"), headers, rows)


def mentee_bank_xlsx(*, organization: Organization, year: AcademicYear) -> bytes:
    with translation.override("ru"):
        headers = [
            _("Full name"),
            _("Position"),
            _("Category"),
            _("Status"),
            _("Needs"),
            _("Needs in own words"),
            _("Result of the program"),
        ]
        rows = [
            [
                p.staff.full_name,
                p.staff.position,
                p.get_category_display(),
                p.get_status_display(),
                "; ".join(f"{n.competency.name} ({n.get_source_display()})" for n in p.needs.all()),
                p.needs_text,
                p.result,
            ]
            for p in selectors.mentee_bank(organization=organization, year=year)
        ]
        return _workbook(
            _("Mentees %(year)s") % {"year": str(year).replace("/", "-")}, headers, rows
        )


def mentor_bank_xlsx(*, organization: Organization, year: AcademicYear) -> bytes:
    with translation.override("ru"):
        labels = dict(MentorshipForm.choices)
        headers = [
            _("Full name"),
            _("Position"),
            _("Qualification category"),
            _("Status"),
            _("How many mentees"),
            _("Forms of mentorship"),
            _("Competencies"),
            _("Training attended"),
            _("Motivation"),
            _("Experience to share"),
        ]
        rows = [
            [
                p.staff.full_name,
                p.staff.position,
                p.staff.get_category_display() if p.staff.category else "",
                p.get_status_display(),
                p.capacity,
                "; ".join(str(labels.get(f, f)) for f in p.forms),
                "; ".join(
                    f"{c.competency.name} ({c.get_level_display()})" for c in p.competencies.all()
                ),
                "; ".join(f"{t.title} ({_date(t.date)})" for t in p.trainings.all()),
                p.motivation,
                p.experience_text,
            ]
            for p in selectors.mentor_bank(organization=organization, year=year)
        ]
        return _workbook(
            _("Mentors %(year)s") % {"year": str(year).replace("/", "-")}, headers, rows
        )
