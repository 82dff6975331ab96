"""The first drafts of the text sections of the analytical report, written from the figures the
system knows. They are Russian document text (data, like the seeds), which the curator edits."""

from typing import Any

from nastavnik.core.models import AcademicYear
from nastavnik.organizations.models import Organization

TEACHERS = ("педагог", "педагога", "педагогов")
PAIRS = (
    "наставническая пара (группа)",
    "наставнические пары (группы)",
    "наставнических пар (групп)",
)


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        word = one
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = few
    else:
        word = many
    return f"{n} {word}"


def _mark(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", ",").replace(",0", "")


def drafts(organization: Organization, year: AcademicYear, data: dict[str, Any]) -> dict[str, str]:
    """{field: text} for introduction, conclusions, problems and proposals."""
    f = data["figures"]
    banks, pairs, programs = f["banks"], f["pairs"], f["programs"]
    meetings, portfolio = f["meetings"], f["portfolio"]
    satisfaction, flagged = f["satisfaction"], f["flagged"]
    results = data["results"]
    judged = [r for r in results if r["reached"] is not None]
    reached = [r for r in judged if r["reached"]]
    missed = [r for r in judged if not r["reached"]]

    introduction = [
        f"Образовательная организация: {organization.short_name}. В {year} учебном году "
        "программа наставничества педагогических работников реализовывалась в соответствии "
        "с целевой моделью наставничества и дорожной картой на учебный год.",
        f"В банк наставников включено {_plural(banks['mentors'], *TEACHERS)}, "
        f"в банк наставляемых — {_plural(banks['mentees'], *TEACHERS)}"
        f" (из них молодых специалистов — {banks['young']}).",
        f"Сформировано {_plural(pairs['total'], *PAIRS)}: "
        f"пар — {pairs['pairs']}, групп — {pairs['groups']}. "
        f"Проведено встреч наставников и наставляемых: {meetings['held']}, "
        f"мероприятий организации: {meetings['events']}.",
    ]
    conclusions = [
        f"Завершено программ наставничества: {programs['completed']}, "
        f"прекращено досрочно: {programs['ended_early']}, "
        f"продолжается: {programs['active'] + programs['forming']}.",
        f"В портфолио участников за год внесено записей: {portfolio['total']} "
        f"(публикаций — {portfolio.get('publication', 0)}, методических разработок — "
        f"{portfolio.get('development', 0)}, открытых уроков — {portfolio.get('open_lesson', 0)}, "
        f"конкурсов — {portfolio.get('contest', 0)}).",
    ]
    if satisfaction["mentor"] is not None or satisfaction["mentee"] is not None:
        parts = []
        if satisfaction["mentor"] is not None:
            parts.append(f"наставников — {_mark(satisfaction['mentor'])}")
        if satisfaction["mentee"] is not None:
            parts.append(f"наставляемых — {_mark(satisfaction['mentee'])}")
        conclusions.append(
            "Средняя оценка удовлетворённости участием в программе (из 10): "
            + ", ".join(parts)
            + "."
        )
    if judged:
        conclusions.append(
            f"Из {len(judged)} измеримых ожидаемых результатов программы достигнуто {len(reached)}."
        )
    problems = []
    if flagged["flagged"]:
        problems.append(
            "Признаки формального наставничества выявлены у "
            f"{_plural(flagged['flagged'], 'пары (группы)', 'пар (групп)', 'пар (групп)')}: "
            "нет встреч, просрочены мероприятия программы или низкая удовлетворённость."
        )
    if banks["waiting"] or banks["support"]:
        problems.append(
            f"Наставляемых, ожидающих наставника: {banks['waiting']}; "
            f"в списке сопровождения: {banks['support']}."
        )
    if programs["ended_early"]:
        problems.append(
            f"Досрочно прекращено программ: {programs['ended_early']}; причины "
            "проанализированы куратором."
        )
    for r in missed:
        problems.append(f"Не достигнут ожидаемый результат: «{r['text'].rstrip('.')}».")
    if not problems:
        problems.append("Существенных проблем в реализации программы не выявлено.")
    proposals = [
        "Продолжить реализацию программы наставничества в следующем учебном году, "
        "обновить банки наставников и наставляемых.",
    ]
    if missed:
        proposals.append(
            "Включить в дорожную карту следующего года мероприятия по достижению "
            "не достигнутых ожидаемых результатов."
        )
    if flagged["flagged"]:
        proposals.append(
            "Усилить текущий контроль работы пар и групп с признаками формального наставничества."
        )
    proposals.append(
        "Обобщить лучшие практики наставничества и представить их в методической копилке."
    )
    return {
        "introduction": "\n".join(introduction),
        "conclusions": "\n".join(conclusions),
        "problems": "\n".join(problems),
        "proposals": "\n".join(proposals),
    }
