"""The model text of the Положение: structure, placeholders, punctuation and required content."""

import string

import pytest

from nastavnik.documents.regulation_text import (
    PLACEHOLDERS,
    REGULATION_SECTIONS,
    REGULATION_TITLE,
    Section,
    render_sections,
)

SAMPLE_VALUES = {
    "organization_full_name": "Муниципальное бюджетное общеобразовательное учреждение "
    "«Средняя общеобразовательная школа № 1»",
    "organization_short_name": "МБОУ «СОШ № 1»",
    "region_name": "Демонстрационная область",
    "regional_center_name": "Центр непрерывного повышения профессионального мастерства "
    "педагогических работников",
}

FINAL_MARKS = (".", ";", ":", "»")


def all_points(sections: tuple[Section, ...] | list[Section]) -> list[str]:
    return [point for section in sections for point in section.points]


def used_placeholders() -> set[str]:
    names = set()
    for section in REGULATION_SECTIONS:
        for text in (section.title, *section.points):
            for _literal, name, _spec, _conversion in string.Formatter().parse(text):
                if name is not None:
                    names.add(name)
    return names


def full_text() -> str:
    return "\n".join(
        text for section in REGULATION_SECTIONS for text in (section.title, *section.points)
    )


def test_the_text_has_enough_sections_and_points() -> None:
    assert len(REGULATION_SECTIONS) >= 10
    assert len(all_points(REGULATION_SECTIONS)) >= 70


def test_section_titles_are_unique_and_unnumbered() -> None:
    titles = [section.title for section in REGULATION_SECTIONS]
    assert len(titles) == len(set(titles))
    for title in titles:
        assert title.strip() == title and title
        assert not title[0].isdigit(), title
        assert not title.endswith("."), title


def test_every_section_has_points() -> None:
    for section in REGULATION_SECTIONS:
        assert section.points, section.title


def test_no_point_is_empty_or_unfinished() -> None:
    for point in all_points(REGULATION_SECTIONS):
        assert point.strip(), "an empty point"
        assert point == point.strip(), point[:60]
        assert point.endswith(FINAL_MARKS), point[-60:]


def test_points_are_single_lines_without_numbers() -> None:
    # The editor shows one point per line and marks headings with «#».
    for point in all_points(REGULATION_SECTIONS):
        assert "\n" not in point, point[:60]
        assert not point.startswith("#"), point[:60]
        assert not point[0].isdigit(), point[:60]


def test_placeholders_are_the_documented_ones() -> None:
    used = used_placeholders()
    assert used <= set(PLACEHOLDERS)
    assert {"organization_full_name", "organization_short_name", "region_name"} <= used


def test_render_fills_every_placeholder() -> None:
    sections = render_sections(SAMPLE_VALUES)
    assert len(sections) == len(REGULATION_SECTIONS)
    assert all(isinstance(section, Section) for section in sections)
    for section in sections:
        for text in (section.title, *section.points):
            assert "{" not in text and "}" not in text, text[:80]
    rendered = "\n".join(all_points(sections))
    assert SAMPLE_VALUES["organization_full_name"] in rendered
    assert "(далее — МБОУ «СОШ № 1», образовательная организация)" in rendered
    assert "(Демонстрационная область)" in rendered


def test_render_ignores_extra_values_and_keeps_braces_in_values() -> None:
    values = {**SAMPLE_VALUES, "unused": "x", "organization_short_name": "ОО {1}"}
    sections = render_sections(values)
    assert "ОО {1}" in "\n".join(all_points(sections))


@pytest.mark.parametrize("name", sorted(used_placeholders()))
def test_a_missing_value_raises_key_error(name: str) -> None:
    values = {key: value for key, value in SAMPLE_VALUES.items() if key != name}
    with pytest.raises(KeyError) as exc_info:
        render_sections(values)
    assert name in str(exc_info.value)


def test_the_text_has_the_required_content() -> None:
    text = full_text()
    lowered = text.lower()
    for required in ("351.8", "152-ФЗ", "273-ФЗ", "3273-р", "АЗ-1128/08"):
        assert required in text, required
    for required in (
        "персонализированн",
        "куратор",
        "письменного согласия",
        "«педагог – педагог»",
        "«руководитель – педагог»",
        "«работодатель – студент»",
        "«студент – студент»",
        "реверсивн",
        "флеш-наставничество",
        "от трёх месяцев до одного года",
        "«педагог-наставник»",
        "дорожная карта",
        "журнал",
    ):
        assert required in lowered, required


def test_quotes_are_balanced_and_typographic() -> None:
    text = full_text()
    assert '"' not in text
    assert text.count("«") == text.count("»")
    assert REGULATION_TITLE.startswith("Положение о системе наставничества")
