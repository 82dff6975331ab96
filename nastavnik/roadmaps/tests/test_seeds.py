"""The five seeds are entered completely, and the standard template is sound.

Every significant line of each seed's text (copies in ``seed_texts/``: the shared seeds are not
part of the repository) must be found in the data. Lines are compared word by word: spaces,
punctuation, list numbers («1)», «2.»), bold marks and HTML tags of the extraction do not count.
The seeds' tables were extracted cell by cell (tabs) or column by column (the PDF of seed 001),
so the data are read the way such a table reads: per stage its number and title, then the
activities' titles (a title shared by consecutive activities once) and contents, then the
deadlines, then the responsible persons (each repeated value once).
"""

import re
from pathlib import Path

import pytest

from nastavnik.roadmaps.deadlines import Kind, parse_deadline, render_deadline
from nastavnik.roadmaps.seeds import SEEDS, SeedRoadmap
from nastavnik.roadmaps.standard import FACT_CODES, ROLE_CODES, STANDARD

SEED_TEXTS = Path(__file__).parent / "seed_texts"

# Table headers and letterheads that are not data of a roadmap (whole lines, tabs as spaces).
EXCLUDED_LINES: dict[str, set[str]] = {
    "000": {"№ Наименование этапа Содержание деятельности и примерный план мероприятий"},
    "001": {"№", "п/п", "Наименование", "этапа", "Содержание", "мероприятия", "Сроки"},
    "002": {
        "№",
        "п/п",
        "Наименование этапа",
        "Мероприятие",
        "Содержание деятельности",
        "Сроки",
        "Ответственные",
        "Этапы и сроки реализации",  # the heading of the table
    },
    "003": {
        # the letterhead: the organization's address and contacts
        "654002, Россия, Кемеровская область, г. Новокузнецк, улица Разведчиков дом 1",
        "Телефон: 8 (3843) 310122",
        "E-mail: nashashkola53@yandex.ru",
        "Наименование этапа Наименование этапа Сроки",
    },
    "004": {"№ Наименование этапа Содержание деятельности Ответственные Сроки"},
}

# Sections that belong to other issues: (the line that opens it, the line that closes it).
EXCLUDED_SECTIONS: dict[str, list[tuple[str, str]]] = {}

# The headings of the sections of the program (issue 13): the roadmap document prints its own
# headings (test_program.py finds them in the DOCX), so a line that is a heading is not data,
# and a heading that opens a line («Задачи: Обеспечить …») is cut off before the comparison.
# The names of the forms of seed 004 come from the form catalog (test_program.py too).
HEADINGS: dict[str, set[str]] = {
    "002": {
        "Цель -",
        "Задачи:",
        "Возможные риски при реализации программы и способы их предотвращения/устранения:",
        "Риски",
        "Мероприятия по минимизации рисков",
        "Ожидаемые результаты:",
        "ДЛЯ МОЛОДОГО ПЕДАГОГА:",
        "ДЛЯ НАСТАВНИКА:",
        "ДЛЯ ШКОЛЫ:",
        "Организация результатов программы и ее эффективности:",
    },
    "004": {
        "**1. Нормативно-правовое обоснование**",
        "**2. Цель реализации**",
        "**3.Формы наставничества**",
        "Формы наставничества:",
        "- «студент-студент»",
        "- «преподаватель - студент»",
        "- «преподаватель - преподаватель»",
        "- «работодатель - студент»",
        "- «преподаватель/мастер производственного обучения - школьник»",
        "- «директор образовательной организации – педагог»",
    },
}

# Artifacts of the extraction of the files.
ARTIFACT_CELLS = {"[image: ]", "[bookmark: _GoBack]"}
ARTIFACT_LINE = re.compile(r"^(?:\d+|N)\.emf$")

# Cells in which the PDF extraction merged two places of the table: each part is looked up alone.
SPLIT_CELLS: dict[str, dict[str, tuple[str, ...]]] = {
    # the end of the title of stage 5 and the end of its second activity
    "001": {
        "наставнических пар/групп каждой пары/группы": (
            "наставнических пар/групп",
            "каждой пары/группы",
        )
    },
}

# Deadlines of the seeds that are not dates: the «Сроки» of stage 1 of seed 004 name the
# documents that did the work.
FREE_DEADLINES = {
    "Приказ от 14.06. 2022г. № 37 «Об утверждении положения о системе наставничества "
    "педагогических работников в КГЫПОУ «БПШ»",
    "Протокол № 8 от 07.06.2022г. педагогического совета, с учетом мнения студенческого совета "
    "Протокол № 4 от 06.06.2022г.",
}

_TAG = re.compile(r"<[^>]+>")
_LIST_NUMBER = re.compile(r"(?<![\w.])\d{1,2}[.)](?=\s|[^\W\d_]|$)")
_WORD = re.compile(r"\w+")


def _spaces(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> str:
    text = _LIST_NUMBER.sub(" ", _TAG.sub(" ", text))
    return " ".join(_WORD.findall(text))


def _once(values: list[str]) -> list[str]:
    result: list[str] = []
    for value in values:
        if value and (not result or result[-1] != value):
            result.append(value)
    return result


def _table_words(seed: SeedRoadmap) -> str:
    parts = [seed.title, seed.organization, seed.approval, seed.accepted]
    for stage in seed.stages:
        parts += [stage.number, stage.title]
        previous = None
        for activity in stage.activities:
            if activity.title != previous:
                parts.append(activity.title)
            previous = activity.title
            parts.append(activity.content)
        parts += _once([a.deadline for a in stage.activities])
        parts += _once([a.responsible for a in stage.activities])
    program = seed.program
    parts += [*program.basis, program.goal, *program.tasks, program.forms_intro]
    parts.append(program.forms_note)
    for number, (risk, mitigation) in enumerate(program.risks, start=1):
        parts += [str(number), risk, mitigation]
    parts += [text for _group, text in program.results]
    parts += list(program.control)
    return " " + " ".join(_words(part) for part in parts if part) + " "


def _seed_lines(key: str) -> list[str]:
    [path] = SEED_TEXTS.glob(f"{key}_*.txt")
    return path.read_text(encoding="utf-8").splitlines()


def _significant_cells(key: str) -> list[str]:
    """The cells of the seed's text that must be in the data, exclusions applied."""
    excluded_lines = EXCLUDED_LINES.get(key, set())
    sections = list(EXCLUDED_SECTIONS.get(key, []))
    seen_lines: set[str] = set()
    opened: tuple[str, str] | None = None
    cells: list[str] = []
    for raw in _seed_lines(key):
        line = _spaces(raw)
        if opened is None and sections and line.startswith(sections[0][0]):
            opened = sections.pop(0)
        if opened is not None:
            if line.startswith(opened[1]):
                opened = None
            continue
        if line in excluded_lines:
            seen_lines.add(line)
            continue
        headings = HEADINGS.get(key, set())
        if line in headings:
            continue
        for heading in headings:
            if line.startswith(heading + " "):
                raw = line = line[len(heading) :].strip()
        if line in ARTIFACT_CELLS or ARTIFACT_LINE.match(line):
            continue
        for cell in raw.split("\t"):
            cell = _spaces(cell)
            if cell and cell not in ARTIFACT_CELLS:
                cells.append(cell)
    # The exclusions must all be real: a typo would silently let a line go unchecked.
    assert not sections, f"sections not found in seed {key}: {sections}"
    assert opened is None, f"section not closed in seed {key}: {opened}"
    assert seen_lines == excluded_lines, excluded_lines - seen_lines
    return cells


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_every_line_of_the_seed_is_in_the_data(key: str) -> None:
    data = _table_words(SEEDS[key])
    splits = SPLIT_CELLS.get(key, {})
    missing = []
    used = set()
    for cell in _significant_cells(key):
        if cell in splits:
            used.add(cell)
            assert _words(" ".join(splits[cell])) == _words(cell)
            parts = splits[cell]
        else:
            parts = (cell,)
        for part in parts:
            words = _words(part)
            if words and f" {words} " not in data:
                missing.append(part)
    assert missing == []
    assert used == set(splits)


def test_the_seeds() -> None:
    assert sorted(SEEDS) == ["000", "001", "002", "003", "004"]
    for key, seed in SEEDS.items():
        assert seed.key == key
        assert seed.title and seed.organization and seed.stages
        for stage in seed.stages:
            assert stage.number and stage.title and stage.activities
            for activity in stage.activities:
                assert activity.title
                for text in (activity.title, activity.content, activity.deadline):
                    assert text == _spaces(text)
    assert [len(s.stages) for s in SEEDS.values()] == [9, 7, 6, 7, 6]
    assert SEEDS["000"].accepted == "ПРИНЯТ на педагогическом совете Протокол № 1 «16» 09 2024 г."
    assert SEEDS["000"].approval.endswith("Приказ № 63 «16» 10 2024г.")
    assert SEEDS["003"].approval.startswith("УТВЕРЖДАЮ")


def test_seed_000_has_no_deadlines() -> None:
    assert {a.deadline for s in SEEDS["000"].stages for a in s.activities} == {""}


def test_seed_001_deadlines_in_the_order_of_the_right_column() -> None:
    deadlines = [a.deadline for s in SEEDS["001"].stages for a in s.activities]
    assert deadlines == [
        "Ежегодно, до 1 октября",
        "Ежегодно, до 1 ноября",
        "Ежегодно, до 15 сентября",
        "Ежегодно, до 1 октября",
        "Ежегодно, до 15 сентября",
        "Ежегодно, до 1 октября",
        "Ежегодно",
        "Ежегодно, до 1 октября",
        "Ежегодно, до 1 ноября",
        "Постоянно",
        "Ежегодно, до 1 июня",
        "Ежегодно",
        "Ежегодно",
        "Постоянно",
    ]


def test_seed_002_image_deadlines() -> None:
    images = sum(line.count("[image: ]") for line in _seed_lines("002"))
    september = [
        a for s in SEEDS["002"].stages for a in s.activities if a.deadline == "Сентябрь 2023"
    ]
    assert images == len(september) == 5


def test_seeds_003_and_004_have_a_deadline_per_stage() -> None:
    for key in ("003", "004"):
        for stage in SEEDS[key].stages[1:]:
            assert len({a.deadline for a in stage.activities}) == 1
            assert len({a.responsible for a in stage.activities}) == 1


def test_every_deadline_of_the_seeds_parses() -> None:
    free = set()
    for seed in SEEDS.values():
        for stage in seed.stages:
            for activity in stage.activities:
                if not activity.deadline:
                    continue
                deadline = parse_deadline(activity.deadline)
                assert parse_deadline(render_deadline(deadline)) == deadline
                if deadline.kind == Kind.FREE:
                    free.add(activity.deadline)
    assert free == FREE_DEADLINES


STANDARD_STAGES = [
    "Подготовка условий для реализации системы наставничества",
    "Формирование банка наставляемых",
    "Формирование банка наставников",
    "Отбор и обучение наставников",
    "Организация и осуществление работы наставнических пар/групп",
    "Завершение персонализированных программ наставничества",
    "Информационная поддержка системы наставничества",
    "Формирование информационной базы наставников и наставляемых",
    "Сбор информации и отчётность",
]


def test_the_standard_template() -> None:
    assert [stage.title for stage in STANDARD] == STANDARD_STAGES
    facts = []
    for stage in STANDARD:
        assert stage.activities
        for activity in stage.activities:
            assert activity.title and activity.content
            deadline = parse_deadline(activity.deadline)
            assert deadline.kind != Kind.FREE, activity.deadline
            assert render_deadline(deadline) == activity.deadline
            assert activity.responsible
            assert set(activity.responsible) <= set(ROLE_CODES), activity.responsible
            assert len(set(activity.responsible)) == len(activity.responsible)
            if activity.fact:
                facts.append(activity.fact)
    assert sorted(facts) == sorted(FACT_CODES)  # each fact completes exactly one activity
