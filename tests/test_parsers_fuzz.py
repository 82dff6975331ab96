"""Every parser of what people type or upload, fed with generated garbage (hypothesis): a Russian
error or a kept text, never an exception. Deadlines of the roadmaps, dates of the questionnaires,
answers to every kind of question, and staff lists (CSV and XLSX bytes)."""

import datetime
import io

import openpyxl
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from openpyxl.utils.exceptions import IllegalCharacterError

from nastavnik.core.services import academic_year_current
from nastavnik.roadmaps.deadlines import Kind, parse_deadline, render_deadline
from nastavnik.staff import importing
from nastavnik.surveys import services as surveys
from nastavnik.surveys.models import Question, Questionnaire, Survey
from nastavnik.testing import World, build_world

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)
RUSSIAN = st.text(alphabet="0123456789 .,-–/абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВСгод", max_size=60)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.one_of(TEXT, RUSSIAN))
def test_a_deadline_is_read_or_kept_as_text_and_renders_stably(text: str) -> None:
    deadline = parse_deadline(text)
    shown = render_deadline(deadline)
    assert isinstance(shown, str)
    if deadline.kind != Kind.FREE:
        again = parse_deadline(shown)
        assert again.kind == deadline.kind
        assert render_deadline(again) == shown


@FAST
@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_a_written_date_is_read_back(day: datetime.date) -> None:
    assert parse_deadline(day.strftime("%d.%m.%Y")).kind == Kind.DATE
    assert surveys.parse_date(day.strftime("%d.%m.%Y")) == day
    assert surveys.parse_date(day.isoformat()) == day


@FAST
@given(st.one_of(TEXT, RUSSIAN))
def test_a_date_answer_never_breaks(text: str) -> None:
    value = surveys.parse_date(text)
    assert value is None or isinstance(value, datetime.date)


class AnswerFuzzTests(TestCase):
    survey: Survey
    questions: list[Question]

    @classmethod
    def setUpTestData(cls) -> None:
        world = build_world()
        region = world.region
        surveys.region_library(region)
        template = Questionnaire.objects.get(region=region, organization=None, kind="mentee_needs")
        cls.survey = surveys.survey_create(
            actor=world.curator_a,
            organization=world.org_a,
            year=academic_year_current(),
            template=template,
            title="Анкета",
            anonymous=False,
            audience=Survey.Audience.ALL_STAFF,
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
        )
        cls.questions = list(cls.survey.questionnaire.questions.all())
        # one question of every kind, added to the survey's own copy
        for order, kind in enumerate(Question.Kind.values, start=100):
            cls.questions.append(
                Question.objects.create(
                    questionnaire=cls.survey.questionnaire,
                    order=order,
                    kind=kind,
                    text=f"Вопрос {kind}",
                    options=["Да", "Нет"] if kind in ("single", "multiple") else [],
                    max_choices=2,
                )
            )

    @FAST
    @given(st.lists(st.one_of(TEXT, RUSSIAN, st.integers().map(str)), max_size=4))
    def test_any_answer_to_any_question_gets_a_value_or_a_russian_error(
        self, raw: list[str]
    ) -> None:
        data = {q.pk: raw for q in self.questions}
        values, errors = surveys.clean_answers(self.survey, self.questions, data, final=True)
        for message in errors.values():
            assert message and message[0].isupper()
        assert set(values).isdisjoint(errors)


class StaffListFuzzTests(TestCase):
    world: World

    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()

    def preview(self, content: bytes, name: str) -> None:
        try:
            table = importing.read_table(content, name)
        except importing.ImportFileError as error:
            assert str(error)
            return
        mapping = importing.guess_mapping(table.headers)
        try:
            importing.validate(
                table, mapping, organization=self.world.org_a, today=timezone.localdate()
            )
        except ValidationError as error:  # pragma: no cover - validate reports, not raises
            raise AssertionError(error) from error

    @FAST
    @given(st.binary(max_size=2000))
    def test_any_bytes_as_a_staff_list_are_refused_with_a_message(self, content: bytes) -> None:
        self.preview(content, "staff.xlsx")
        self.preview(content, "staff.csv")

    @FAST
    @given(
        st.lists(
            st.lists(st.one_of(TEXT, RUSSIAN, st.dates().map(str)), min_size=5, max_size=5),
            min_size=1,
            max_size=6,
        )
    )
    def test_any_rows_of_a_staff_list_are_read_with_row_errors(self, rows: list[list[str]]) -> None:
        header = ["Фамилия", "Имя", "Отчество", "Должность", "Дата рождения"]
        text = "\n".join(
            ";".join(cell.replace(";", ",").replace("\n", " ") for cell in row)
            for row in [header, *rows]
        )
        self.preview(text.encode("utf-8"), "staff.csv")
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        out = io.BytesIO()
        try:
            sheet.append(header)
            for row in rows:
                sheet.append(row)
            book.save(out)
        except IllegalCharacterError:  # openpyxl itself refuses control characters
            return
        self.preview(out.getvalue(), "staff.xlsx")
