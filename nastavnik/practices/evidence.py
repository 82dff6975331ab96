"""The evidence pack for the qualification category «педагог-наставник»: the programs the
mentor led, the results of the mentees, the reports, the rewards and the approved programs, as
one ZIP with a DOCX summary and the files. The DOCX text is a Russian document (data)."""

import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Q
from django.utils.text import get_valid_filename

from nastavnik.documents.build import CENTER, LEFT, document, para
from nastavnik.documents.context import short_date
from nastavnik.documents.models import Document
from nastavnik.mentorships.models import Mentorship, PortfolioItem
from nastavnik.practices.models import Nomination, Practice
from nastavnik.staff.models import StaffMember


@dataclass
class Evidence:
    person: StaffMember
    mentorships: list[Mentorship]
    portfolio: list[PortfolioItem]
    reports: list[Any]
    nominations: list[Nomination]
    practices: list[Practice]
    programs: list[Document] = field(default_factory=list)


# The structured reports of the participants at the end of a program, when the mentorships app
# provides them (looked up by name, so that the pack works without them).
REPORT_MODELS = ("ParticipantReport", "MentorshipReport")


def _report_model() -> Any:
    for name in REPORT_MODELS:
        try:
            return apps.get_model("mentorships", name)
        except LookupError:
            continue
    return None


def collect(person: StaffMember) -> Evidence:
    """Everything the pack holds, in a fixed number of queries."""
    mentorships = list(
        Mentorship.objects.filter(Q(mentor=person) | Q(co_mentors=person))
        .distinct()
        .select_related("academic_year", "mentor", "program")
        .prefetch_related("mentees")
        .order_by("starts_on", "pk")
    )
    ids = [m.pk for m in mentorships]
    portfolio = list(
        PortfolioItem.objects.filter(mentorship__in=ids)
        .select_related("staff")
        .order_by("date", "pk")
    )
    reports: list[Any] = []
    report_model = _report_model()
    if report_model is not None and any(
        f.name == "mentorship" for f in report_model._meta.get_fields()
    ):
        found = report_model.objects.filter(mentorship__in=ids)
        if any(f.name == "status" for f in report_model._meta.get_fields()):
            found = found.filter(status="submitted")
        reports = list(found.order_by("mentorship__starts_on", "pk"))
    nominations = list(
        Nomination.objects.filter(staff=person)
        .select_related("academic_year", "order")
        .order_by("academic_year__start_year", "pk")
    )
    practices = list(
        Practice.objects.filter(authors=person).select_related("academic_year").order_by("pk")
    )
    # The program documents of the mentorships whose program the curator approved (or whose
    # paper was signed): the signed scan when there is one, else the DOCX.
    approved = {
        m.pk
        for m in mentorships
        if getattr(m, "program", None) is not None and m.program.status == "approved"
    }
    wanted = set(ids)
    programs = [
        d
        for d in Document.objects.filter(
            organization=person.organization_id, kind="mentorship_program"
        ).order_by("date", "pk")
        if d.data.get("mentorship") in wanted
        and (d.data.get("mentorship") in approved or d.status == Document.Status.SIGNED)
        and (d.signed_scan or d.file)
    ]
    return Evidence(person, mentorships, portfolio, reports, nominations, practices, programs)


STATUS_RU = {
    "forming": "формируется",
    "active": "действует",
    "completed": "завершена",
    "ended_early": "прекращена досрочно",
}
AWARD_RU = {
    "gratitude": "благодарность",
    "letter": "благодарственное письмо",
    "diploma": "почётная грамота",
    "gift": "ценный подарок",
    "bonus": "премия",
}


def _report_text(report: Any) -> str:
    """The text fields of a report, «Поле: значение», whatever the report model holds."""
    parts = [str(report)]
    for f in report._meta.concrete_fields:
        if "comment" in f.name:
            continue  # the curator's remarks are not the participant's report
        if f.get_internal_type() in ("TextField", "CharField") and not f.choices:
            value = getattr(report, f.attname, "")
            if value:
                parts.append(f"{str(f.verbose_name).capitalize()}: {value}")
    return "; ".join(parts)


def summary_docx(evidence: Evidence) -> bytes:
    person = evidence.person
    doc = document()
    para(doc, "Материалы для аттестации", align=CENTER, bold=True)
    para(doc, "на квалификационную категорию «педагог-наставник»", align=CENTER, bold=True)
    para(doc, person.full_name, align=CENTER, space_before=6)
    para(doc, f"{person.position}, {person.organization}", align=CENTER, space_after=12)

    para(doc, "1. Программы наставничества", bold=True, align=LEFT, space_after=6)
    if not evidence.mentorships:
        para(doc, "Программ наставничества нет.", indent=True)
    for i, m in enumerate(evidence.mentorships, 1):
        mentees = ", ".join(x.full_name for x in m.mentees.all())
        role = "наставник" if m.mentor_id == person.pk else "соруководитель группы"
        program = getattr(m, "program", None)
        goal = f" Цель программы: {program.goal}" if program and program.goal else ""
        para(
            doc,
            f"{i}. {m.academic_year} учебный год, {short_date(m.starts_on)} — "
            f"{short_date(m.ended_on or m.ends_on)}; {role}; наставляемые: {mentees}; "
            f"статус: {STATUS_RU.get(m.status, m.status)}.{goal}",
            indent=True,
        )

    para(doc, "2. Результаты наставляемых", bold=True, align=LEFT, space_before=12, space_after=6)
    if not evidence.portfolio:
        para(doc, "Результатов в портфолио нет.", indent=True)
    for i, item in enumerate(evidence.portfolio, 1):
        para(
            doc,
            f"{i}. {short_date(item.date)} — {item.staff.full_name}: {item.title} "
            f"({item.get_kind_display()}).",
            indent=True,
        )

    para(doc, "3. Отчёты", bold=True, align=LEFT, space_before=12, space_after=6)
    if not evidence.reports:
        para(doc, "Отчётов нет.", indent=True)
    for i, report in enumerate(evidence.reports, 1):
        para(doc, f"{i}. {_report_text(report)}", indent=True)

    para(doc, "4. Поощрения", bold=True, align=LEFT, space_before=12, space_after=6)
    if not evidence.nominations:
        para(doc, "Поощрений нет.", indent=True)
    for i, n in enumerate(evidence.nominations, 1):
        order = f", приказ № {n.order.number} от {short_date(n.order.date)}" if n.order else ""
        reason = f" {n.reason}" if n.reason else ""
        para(
            doc,
            f"{i}. {n.academic_year} учебный год: {AWARD_RU.get(n.kind, n.kind)}{order}.{reason}",
            indent=True,
        )

    para(doc, "5. Практики в методической копилке", bold=True, align=LEFT, space_before=12)
    if not evidence.practices:
        para(doc, "Практик нет.", indent=True)
    for i, p in enumerate(evidence.practices, 1):
        para(doc, f"{i}. {p.title} ({p.academic_year} учебный год).", indent=True)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _name(text: str, fallback: str) -> str:
    return get_valid_filename(text) or fallback


def pack_zip(evidence: Evidence) -> bytes:
    """The ZIP: the DOCX summary, the approved programs and the files of the results."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Сведения_наставника.docx", summary_docx(evidence))
        for d in evidence.programs:
            stored = d.signed_scan or d.file
            extension = stored.name.rsplit(".", 1)[-1]
            try:
                with stored.open("rb") as handle:
                    archive.writestr(
                        f"Программы/{d.pk}_{_name(d.title, 'program')[:80]}.{extension}",
                        handle.read(),
                    )
            except FileNotFoundError:
                continue
        for item in evidence.portfolio:
            if not item.file:
                continue
            try:
                with item.file.open("rb") as handle:
                    base = item.file.name.rsplit("/", 1)[-1]
                    archive.writestr(f"Результаты/{item.pk}_{base}", handle.read())
            except FileNotFoundError:
                continue
    return out.getvalue()
