"""Everything the system holds about one person, as an XLSX workbook (152-ФЗ, art. 14: the
person's right to receive the information about the processing of his or her data). One sheet
per kind of record; the curator hands it over on a written request."""

import io
from collections.abc import Sequence
from typing import Any

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from nastavnik.banks.models import Consent, MenteeProfile, MentorProfile
from nastavnik.documents.models import DocumentLink
from nastavnik.mentorships.models import Meeting, Mentorship, PortfolioItem
from nastavnik.staff.models import StaffMember


def _date(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _sheet(book: Workbook, title: str, headers: Sequence[str], rows: list[list[Any]]) -> None:
    sheet = book.create_sheet(title[:31])
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(h) for h in headers]
    for row in rows:
        values = ["" if v is None else v for v in row]
        sheet.append(values)
        for i, v in enumerate(values):
            widths[i] = min(max(widths[i], len(str(v))), 70)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width + 2


def person_xlsx(person: StaffMember) -> bytes:
    """The workbook of everything about `person`: the staff record, consents, the banks by
    year, mentorships, meetings, the portfolio, questionnaires answered by name, documents."""
    with translation.override("ru"):
        book = Workbook()
        first = book.active
        assert first is not None
        book.remove(first)
        today = timezone.localdate()
        _sheet(
            book,
            _("Personal data"),
            [_("Field"), _("Value")],
            [
                [_("Surname, first name, patronymic"), person.full_name],
                [_("Organization"), person.organization.short_name],
                [_("Position"), person.position],
                [_("Date of birth"), _date(person.birth_date)],
                [_("Subjects taught"), person.subjects],
                [_("Qualification category"), person.get_category_display()],
                [_("Pedagogical experience, years"), person.experience_on(today)],
                [_("Date of hire"), _date(person.hired_on)],
                [_("Education"), person.education],
                [_("E-mail"), person.email],
                [_("Phone"), person.phone],
                [_("On staff"), _("yes") if person.is_active else _("no")],
                [_("Account"), person.user.username if person.user else ""],
                [_("Exported on"), _date(today)],
            ],
        )
        _sheet(
            book,
            _("Consents"),
            [_("Kind"), _("Status"), _("Version"), _("Issued"), _("Signed"), _("Revoked")],
            [
                [
                    c.get_kind_display(),
                    c.get_status_display(),
                    c.version,
                    _date(c.issued_at),
                    _date(c.signed_at),
                    _date(c.revoked_at),
                ]
                for c in Consent.objects.filter(staff=person).order_by("issued_at", "pk")
            ],
        )
        banks = [
            [str(p.academic_year), _("mentee"), p.get_status_display(), p.needs_text, p.result]
            for p in MenteeProfile.objects.filter(staff=person).select_related("academic_year")
        ] + [
            [str(p.academic_year), _("mentor"), p.get_status_display(), p.experience_text, p.result]
            for p in MentorProfile.objects.filter(staff=person).select_related("academic_year")
        ]
        _sheet(
            book,
            _("Banks"),
            [_("Academic year"), _("Bank"), _("Status"), _("In own words"), _("Result")],
            sorted(banks),
        )
        ids = list(
            Mentorship.objects.filter(
                Q(mentor=person) | Q(mentees=person) | Q(co_mentors=person)
            ).values_list("pk", flat=True)
        )
        rows = []
        for m in (
            Mentorship.objects.filter(pk__in=ids)
            .select_related("mentor", "academic_year")
            .prefetch_related("mentees")
            .order_by("starts_on", "pk")
        ):
            role = _("mentor") if m.mentor_id == person.pk else _("mentee")
            rows.append(
                [
                    str(m.academic_year),
                    role,
                    m.mentor.full_name,
                    ", ".join(p.full_name for p in m.mentees.all()),
                    m.get_form_display(),
                    f"{_date(m.starts_on)} – {_date(m.ends_on)}",
                    m.get_status_display(),
                ]
            )
        _sheet(
            book,
            _("Mentorships"),
            [
                _("Academic year"),
                _("Role"),
                _("Mentor"),
                _("Mentees"),
                _("Form"),
                _("Period"),
                _("Status"),
            ],
            rows,
        )
        _sheet(
            book,
            _("Meetings"),
            [_("Date"), _("Kind"), _("Topic"), _("Held"), _("Attended")],
            [
                [
                    _date(meeting.date),
                    meeting.get_kind_display(),
                    meeting.topic,
                    _("yes") if meeting.held else _("no"),
                    _("yes") if person in meeting.attended.all() else "",
                ]
                for meeting in Meeting.objects.filter(mentorship_id__in=ids)
                .prefetch_related("attended")
                .order_by("date", "pk")
            ],
        )
        _sheet(
            book,
            _("Portfolio"),
            [_("Date"), _("Kind"), _("Title"), _("Description"), _("Link")],
            [
                [_date(i.date), i.get_kind_display(), i.title, i.description, i.url]
                for i in PortfolioItem.objects.filter(staff=person).order_by("date", "pk")
            ],
        )
        from nastavnik.surveys.models import Answer

        _sheet(
            book,
            _("Questionnaires"),
            [_("Survey"), _("Question"), _("Answer")],
            [
                [a.response.survey.title, a.question.text, str(a.value)]
                for a in Answer.objects.filter(
                    response__invitation__staff=person, response__submitted=True
                )
                .select_related("response__survey", "question")
                .order_by("response__survey__opens_on", "question__order")
            ],
        )
        _sheet(
            book,
            _("Documents"),
            [_("Date"), _("Number"), _("Title")],
            [
                [_date(link.document.date), link.document.number, link.document.title]
                for link in DocumentLink.objects.filter(
                    content_type__model="staffmember", object_id=person.pk
                )
                .select_related("document")
                .order_by("document__date")
            ],
        )
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
