"""Templates of the personalized program per form of mentorship (seeds 002 and 004): the goal,
tasks, expected results and the activities with their place in the period (0 = the start,
1 = the end). The mentor starts from one and edits it; nothing is saved until he or she saves."""

import datetime
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProgramTemplate:
    goal: str
    tasks: tuple[str, ...]
    expected_results: str
    activities: tuple[tuple[str, str, float], ...]  # title, kind, share of the period


_COMMON_START = (
    ("Организационная встреча", "meeting", 0.0),
    ("Пробная встреча", "meeting", 0.05),
    ("Встреча-планирование", "meeting", 0.1),
)
_COMMON_END = (("Заключительная встреча", "meeting", 1.0),)

TEMPLATES: dict[str, ProgramTemplate] = {
    "teacher_teacher": ProgramTemplate(
        goal="Успешное закрепление молодого специалиста (нового педагога) в профессии и в "
        "коллективе, развитие его профессиональных компетенций.",
        tasks=(
            "Помочь спланировать уроки и освоить требования ФГОС к рабочей программе.",
            "Развить навыки организации дисциплины и учебного диалога на уроке.",
            "Освоить формирующее оценивание и работу с родителями обучающихся.",
        ),
        expected_results="Наставляемый самостоятельно планирует и проводит уроки, провёл "
        "открытый урок, представил методическую разработку, удовлетворён работой в школе.",
        activities=(
            *_COMMON_START,
            ("Посещение уроков наставника с последующим анализом", "lesson", 0.2),
            ("Посещение уроков наставляемого с анализом и рекомендациями", "lesson", 0.35),
            ("Изучение рабочей программы и календарно-тематического планирования", "study", 0.25),
            ("Регулярная встреча: трудные ситуации урока", "meeting", 0.45),
            ("Совместная разработка урока (методический продукт)", "project", 0.6),
            ("Открытый урок наставляемого", "open_lesson", 0.75),
            ("Мастер-класс или круглый стол для молодых педагогов", "event", 0.85),
            *_COMMON_END,
        ),
    ),
    "director_teacher": ProgramTemplate(
        goal="Развитие управленческих и методических компетенций педагога, включение его в "
        "решение задач развития образовательной организации.",
        tasks=(
            "Определить зону профессионального роста педагога и его роль в проектах школы.",
            "Освоить нормативную базу и документооборот по направлению работы.",
            "Подготовить и представить проект развития на педагогическом совете.",
        ),
        expected_results="Педагог руководит проектом или направлением работы школы, представил "
        "результаты на педагогическом совете.",
        activities=(
            *_COMMON_START,
            ("Изучение нормативных документов и локальных актов", "study", 0.2),
            ("Участие в планировании работы методического объединения", "event", 0.35),
            ("Разработка проекта развития направления", "project", 0.6),
            ("Выступление на педагогическом совете", "event", 0.85),
            *_COMMON_END,
        ),
    ),
    "teacher_student": ProgramTemplate(
        goal="Профессиональная адаптация студента к будущей специальности и успешное "
        "прохождение практики.",
        tasks=(
            "Развить интерес к профессии и понимание требований работодателя.",
            "Подготовить студента к практике и к демонстрационному экзамену.",
        ),
        expected_results="Студент успешно прошёл практику и демонстрационный экзамен, "
        "определил дальнейшую профессиональную траекторию.",
        activities=(
            *_COMMON_START,
            ("Разбор требований практики и демонстрационного экзамена", "study", 0.2),
            ("Совместная подготовка проекта (исследования)", "project", 0.5),
            ("Пробный демонстрационный экзамен", "event", 0.75),
            *_COMMON_END,
        ),
    ),
    "student_student": ProgramTemplate(
        goal="Адаптация студента первого курса к обучению и к жизни колледжа.",
        tasks=(
            "Помочь освоиться в учебном процессе и в студенческом сообществе.",
            "Повысить успеваемость по дисциплинам, вызывающим трудности.",
        ),
        expected_results="Наставляемый не имеет академических задолженностей, участвует в "
        "мероприятиях колледжа.",
        activities=(
            *_COMMON_START,
            ("Совместная подготовка к промежуточной аттестации", "study", 0.4),
            ("Участие в мероприятии колледжа", "event", 0.6),
            *_COMMON_END,
        ),
    ),
    "employer_student": ProgramTemplate(
        goal="Подготовка студента к трудоустройству на предприятии наставника.",
        tasks=(
            "Познакомить студента с производством и корпоративной культурой.",
            "Развить профессиональные навыки на рабочем месте.",
        ),
        expected_results="Студент выполнил производственное задание, получил предложение о "
        "практике или трудоустройстве.",
        activities=(
            *_COMMON_START,
            ("Экскурсия на предприятие", "event", 0.2),
            ("Выполнение производственного задания", "project", 0.6),
            *_COMMON_END,
        ),
    ),
    "teacher_schoolchild": ProgramTemplate(
        goal="Профессиональная ориентация школьника и развитие его интереса к профессии.",
        tasks=(
            "Познакомить школьника с профессией на практике.",
            "Выполнить с ним учебный проект по профилю колледжа.",
        ),
        expected_results="Школьник выполнил проект, определился с выбором профессии.",
        activities=(
            *_COMMON_START,
            ("Профессиональная проба в мастерской", "event", 0.3),
            ("Учебный проект", "project", 0.7),
            *_COMMON_END,
        ),
    ),
}


def template_for(form: str) -> ProgramTemplate:
    return TEMPLATES.get(form, TEMPLATES["teacher_teacher"])


def initial_from_template(
    template: ProgramTemplate,
    *,
    starts_on: datetime.date,
    ends_on: datetime.date,
    responsible: str,
    needs: list[str],
    current: dict[str, str],
    rows: list[dict[str, Any]],
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The program form filled from the template: what the mentor wrote stays; the mentee's
    needs from the bank become the first tasks; template activities not yet in the program are
    added with due dates spread over the period."""
    tasks = current.get("tasks") or "\n".join(
        [*(f"Развить компетенцию: {n}." for n in needs), *template.tasks]
    )
    initial = {
        "goal": current.get("goal") or template.goal,
        "tasks": tasks,
        "expected_results": current.get("expected_results") or template.expected_results,
        "development_plan": current.get("development_plan", ""),
    }
    span = (ends_on - starts_on).days
    have = {r["title"].strip().lower() for r in rows}
    added = [
        {
            "title": title,
            "kind": kind,
            "due_on": starts_on + datetime.timedelta(days=round(span * share)),
            "responsible": responsible,
            "status": "planned",
            "evidence_url": "",
        }
        for title, kind, share in template.activities
        if title.lower() not in have
    ]
    merged = sorted([*rows, *added], key=lambda r: r["due_on"] or ends_on)
    return initial, merged
