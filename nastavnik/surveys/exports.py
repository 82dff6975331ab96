"""The XLSX of a survey: the summary (response rate, each question's distribution, mean and
median) and, for the organization, the answers, one row per submitted response."""

import io
from collections.abc import Sequence
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nastavnik.surveys import results, selectors
from nastavnik.surveys.models import Invitation, Question, Survey
from nastavnik.surveys.services import survey_state

CHART_KINDS = (
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.SCALE5,
    Question.Kind.SCALE10,
    Question.Kind.NUMBER,
    Question.Kind.PEOPLE,
    Question.Kind.COMPETENCIES,
)


def _bold(sheet: Worksheet, row: int) -> None:
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width


def _summary(sheet: Worksheet, survey: Survey, level: str) -> None:
    sheet.title = _("Summary")
    total, groups = selectors.rates(survey)
    sheet.append([survey.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([_("Organization"), survey.organization.short_name])
    sheet.append([_("Academic year"), str(survey.academic_year)])
    sheet.append(
        [
            _("Dates"),
            f"{results.format_date(survey.opens_on)} – {results.format_date(survey.closes_on)}",
        ]
    )
    sheet.append([_("State"), survey_state(survey).label])
    sheet.append([_("Anonymous"), _("yes") if survey.anonymous else _("no")])
    sheet.append([])
    sheet.append([_("Response rate"), _("Invited"), _("Answered"), "%"])
    _bold(sheet, sheet.max_row)
    sheet.append([_("In total"), total.invited, total.answered, total.percent])
    for group in groups:
        sheet.append([group.label, group.invited, group.answered, group.percent])
    sheet.append([])
    sheet.append([_("Question"), _("Answer option"), _("Count"), "%"])
    _bold(sheet, sheet.max_row)
    header_row = sheet.max_row
    items = results.presented(survey, selectors.results(survey), level)
    section = None
    for item in items:
        question = item.question
        if question.section_id and question.section != section:
            section = question.section
            sheet.append([section.title if section else ""])
            sheet.cell(sheet.max_row, 1).font = Font(bold=True, italic=True)
        sheet.append([question.text, _("Answers to the question"), item.answered])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        if question.kind in CHART_KINDS:
            for bar in item.bars:
                percent = "" if question.kind == Question.Kind.PEOPLE else bar.percent
                sheet.append(["", bar.label, bar.count, percent])
        if item.mean is not None:
            sheet.append(["", _("Mean"), item.mean])
            sheet.append(["", _("Median"), item.median])
        for text in item.texts:
            sheet.append(["", text])
    sheet.freeze_panes = f"A{header_row + 1}"
    _widths(sheet, [60, 50, 12, 8])


def _answers(sheet: Worksheet, survey: Survey) -> None:
    sheet.title = _("Answers")
    questions = list(survey.questionnaire.questions.all())
    rows = selectors.identified_rows(survey)
    names = results.names_for(survey, [values for _s, _r, values in rows])
    groups = dict(Invitation.Group.choices)
    if survey.anonymous:
        headers = [_("Group")]
    else:
        headers = [_("Full name"), _("Position"), _("Group"), _("Submitted")]
    sheet.append(headers + [q.text for q in questions])
    _bold(sheet, 1)
    body = []
    for staff, response, values in rows:
        cells = [results.answer_cell(q, values.get(q.pk), names) for q in questions]
        if survey.anonymous:
            lead: list[Any] = [str(groups.get(response.group, response.group))]
        else:
            lead = [
                staff.full_name if staff else "",
                staff.position if staff else "",
                str(groups.get(response.group, response.group)),
                results.format_date(response.submitted_at) if response.submitted_at else "",
            ]
        body.append(lead + cells)
    if survey.anonymous:
        # Not in the order of submission: by group, then by the answers themselves.
        body.sort(key=lambda row: [str(c) for c in row])
    for row in body:
        sheet.append(row)
    sheet.freeze_panes = "B2" if survey.anonymous else "C2"
    _widths(sheet, [16 if survey.anonymous else 36] + [24] * (len(headers) - 1 + len(questions)))
    for cell in sheet[1]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def survey_xlsx(*, survey: Survey, level: str) -> bytes:
    """The summary for everyone who may see the results; the sheet of answers only for the
    organization (``results.FULL``)."""
    with translation.override("ru"):
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        _summary(sheet, survey, level)
        if level == results.FULL:
            _answers(book.create_sheet(), survey)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
