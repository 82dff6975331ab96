"""Builds the shipped DOCX templates in `docx/` with python-docx (`manage.py build_docx_templates`).

The templates are Russian official documents laid out after ГОСТ Р 7.0.97-2016: Times New Roman
14, margins 30/15/20/20 mm, the organization's name, the document kind, date and number, the
place of issue, the title «О …», the text with a first-line indent, the signature block.
Tags are docxtpl's: `{{ … }}` in a run, `{%p … %}` alone in a paragraph, `{%tr … %}` in a row.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table

LEFT, CENTER, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)


def document() -> Document:
    doc = new_docx()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    doc.core_properties.language = "ru-RU"
    return doc


def para(
    doc: Document,
    text: str = "",
    *,
    align: Any = JUSTIFY,
    bold: bool = False,
    indent: bool = False,
    size: int | None = None,
    space_after: int = 0,
    space_before: int = 0,
    spaced: bool = False,
) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    if indent:
        fmt.first_line_indent = Cm(1.25)
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(space_before)
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if spaced:  # letter-spaced document kind: П Р И К А З
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), "60")
        run._r.get_or_add_rPr().append(spacing)


def tag(doc: Document, text: str) -> None:
    """A paragraph that holds only a docxtpl paragraph tag ({%p … %})."""
    doc.add_paragraph(text)


def no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def two_columns(
    doc: Document, left: str, right: str, *, widths: tuple[float, float] = (9, 7.5)
) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    for cell, text, align, width in zip(
        table.rows[0].cells, (left, right), (LEFT, RIGHT), widths, strict=True
    ):
        cell.width = Cm(width)
        cell.paragraphs[0].text = text
        cell.paragraphs[0].alignment = align


def requisites(doc: Document, kind: str, *, extract: str = "") -> None:
    """The head of an organizational document: name, kind, date and number, place, title."""
    para(doc, "{{ organization.full_name }}", align=CENTER, bold=True, space_after=12)
    if extract:
        tag(doc, "{%p if extract %}")
        para(doc, extract, align=CENTER, bold=True, size=16, spaced=True)
        tag(doc, "{%p else %}")
        para(doc, kind, align=CENTER, bold=True, size=16, spaced=True)
        tag(doc, "{%p endif %}")
    else:
        para(doc, kind, align=CENTER, bold=True, size=16, spaced=True)
    para(doc, "", space_after=6)
    two_columns(doc, "{{ document.date_long }}", "№ {{ document.number }}")
    para(doc, "{{ document.place }}", align=CENTER, space_before=6, space_after=12)


def title(doc: Document) -> None:
    para(doc, "{{ document.title }}", align=LEFT, bold=True, space_after=12)


def signature(doc: Document) -> None:
    para(doc, "", space_after=18)
    two_columns(doc, "{{ head.position_title }}", "{{ head.initials_name }}")


def acquainted(doc: Document, variable: str = "acquainted") -> None:
    tag(doc, f"{{%p if {variable} %}}")
    para(doc, "С приказом ознакомлены:", align=LEFT, space_before=18, space_after=6)
    tag(doc, f"{{%p for p in {variable} %}}")
    para(doc, "{{ p.initials_name }}  ________________  «___» ____________ 20___ г.", align=LEFT)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


BASIS = (
    "В соответствии с Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской "
    "Федерации», распоряжением Правительства Российской Федерации от 31.12.2019 № 3273-р "
    "«Об утверждении основных принципов национальной системы профессионального роста "
    "педагогических работников Российской Федерации, включая национальную систему учительского "
    "роста», методическими рекомендациями по разработке и внедрению системы (целевой модели) "
    "наставничества педагогических работников в образовательных организациях (письмо "
    "Минпросвещения России от 21.12.2021 № АЗ-1128/08)"
)


def order_implementation(doc: Document) -> None:
    requisites(doc, "ПРИКАЗ")
    title(doc)
    para(
        doc,
        BASIS + ", в целях развития системы наставничества педагогических работников "
        "{{ organization.short_name }}",
        indent=True,
    )
    para(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6)
    para(
        doc,
        "1. Внедрить с {{ start_date }} целевую модель наставничества педагогических "
        "работников в {{ organization.short_name }}.",
        indent=True,
    )
    para(
        doc,
        "2. Утвердить Положение о системе наставничества педагогических работников "
        "{{ organization.short_name }} (приложение 1).",
        indent=True,
    )
    para(
        doc,
        "3. Утвердить дорожную карту (план мероприятий) по реализации Положения о системе "
        "наставничества педагогических работников на {{ academic_year }} учебный год "
        "(приложение 2).",
        indent=True,
    )
    tag(doc, "{%p if curator %}")
    para(
        doc,
        "4. Назначить куратором внедрения целевой модели наставничества {{ curator.name_accs }}"
        "{% if curator.position %}, {{ curator.position_accs }}{% endif %}.",
        indent=True,
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "{{ 5 if curator else 4 }}. Разместить настоящий приказ, Положение и дорожную карту "
        "на официальном сайте {{ organization.short_name }} в течение 10 рабочих дней со дня "
        "подписания.",
        indent=True,
    )
    para(
        doc,
        "{{ 6 if curator else 5 }}. Контроль за исполнением настоящего приказа "
        "{% if controller %}возложить на {{ controller.name_accs }}"
        "{% if controller.position %}, {{ controller.position_accs }}{% endif %}"
        "{% else %}оставляю за собой{% endif %}.",
        indent=True,
    )
    signature(doc)
    acquainted(doc)


def order_curator(doc: Document) -> None:
    requisites(doc, "ПРИКАЗ")
    title(doc)
    para(
        doc,
        "В целях организации наставничества педагогических работников "
        "{{ organization.short_name }}, в соответствии с Положением о системе наставничества "
        "педагогических работников{% if regulation %}, утверждённым приказом от "
        "{{ regulation.date }} № {{ regulation.number }}{% endif %}",
        indent=True,
    )
    para(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6)
    para(
        doc,
        "1. Назначить {% if curators|length > 1 %}кураторами{% else %}куратором{% endif %} "
        "реализации программ наставничества педагогических работников:",
        indent=True,
    )
    tag(doc, "{%p for c in curators %}")
    para(
        doc,
        "1.{{ loop.index }}. {{ c.name_accs }}{% if c.position %}, {{ c.position_accs }}"
        "{% endif %}{% if c.direction %}, — по направлению «{{ c.direction }}»{% endif %}"
        "{{ '.' if loop.last else ';' }}",
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    para(
        doc,
        "2. {% if curators|length > 1 %}Кураторам{% else %}Куратору{% endif %}: "
        "организовать формирование банков наставников и наставляемых, наставнических пар и "
        "групп, разработку персонализированных программ наставничества; вести мониторинг их "
        "реализации и ежегодно, до 1 июня, представлять аналитическую справку об итогах.",
        indent=True,
    )
    para(doc, "3. Контроль за исполнением настоящего приказа оставляю за собой.", indent=True)
    signature(doc)
    acquainted(doc)


def order_pairs(doc: Document) -> None:
    requisites(doc, "ПРИКАЗ")
    title(doc)
    para(
        doc,
        "В соответствии с Положением о системе наставничества педагогических работников "
        "{{ organization.short_name }}{% if regulation %}, утверждённым приказом от "
        "{{ regulation.date }} № {{ regulation.number }}{% endif %}, на основании письменного "
        "согласия наставников и наставляемых на возложение на них дополнительных обязанностей, "
        "связанных с наставнической деятельностью",
        indent=True,
    )
    para(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6)
    para(
        doc,
        "1. Закрепить наставнические пары (группы) в следующем составе:",
        indent=True,
        space_after=6,
    )
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headers = [
        "№ п/п",
        "Наставник",
        "Наставляемый (наставляемые)",
        "Форма наставничества",
        "Срок наставничества",
    ]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].alignment = CENTER
        cell.paragraphs[0].runs[0].bold = True
    table.rows[1].cells[0].paragraphs[0].text = "{%tr for p in pairs %}"
    row = [
        "{{ loop.index }}",
        "{{ p.mentor.full_name }}{% if p.mentor.position %}, {{ p.mentor.position }}{% endif %}",
        "{{ p.mentees_text }}",
        "{{ p.form }}",
        "{{ p.period }}",
    ]
    for cell, text in zip(table.rows[2].cells, row, strict=True):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].alignment = LEFT
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    for size in (Pt(12),):
        for r in table.rows:
            for c in r.cells:
                for run in c.paragraphs[0].runs:
                    run.font.size = size
    para(
        doc,
        "2. Наставникам совместно с наставляемыми разработать персонализированные программы "
        "наставничества{% if programs_due %} в срок до {{ programs_due }}{% endif %} и "
        "представить их куратору.",
        indent=True,
        space_before=12,
    )
    tag(doc, "{%p if curator %}")
    para(
        doc,
        "3. Куратору {{ curator.name_datv }} обеспечить организационное и методическое "
        "сопровождение наставнических пар (групп) и мониторинг реализации программ.",
        indent=True,
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "{{ 4 if curator else 3 }}. Контроль за исполнением настоящего приказа оставляю за собой.",
        indent=True,
    )
    signature(doc)
    acquainted(doc)


def order_award(doc: Document) -> None:
    requisites(doc, "ПРИКАЗ")
    title(doc)
    para(doc, "{{ basis }}", indent=True)
    para(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6)
    tag(doc, "{%p for g in groups %}")
    para(
        doc,
        "{{ loop.index }}. {% if g.award == 'diploma' %}Наградить Почётной грамотой"
        "{% elif g.award == 'bonus' %}Выплатить премию{% elif g.award == 'letter' %}"
        "Наградить благодарственным письмом{% elif g.award == 'gift' %}Наградить ценным "
        "подарком{% else %}Объявить благодарность"
        "{% endif %}:",
        indent=True,
    )
    tag(doc, "{%p set outer = loop.index %}")
    tag(doc, "{%p for a in g.people %}")
    para(
        doc,
        "{{ outer }}.{{ loop.index }}. {{ a.name_datv }}{% if a.position %}, "
        "{{ a.position_datv }}{% endif %}{% if a.amount %}, — в размере {{ a.amount }} руб."
        "{% endif %}{{ '.' if loop.last else ';' }}",
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    para(
        doc,
        "{{ groups|length + 1 }}. Контроль за исполнением настоящего приказа оставляю за собой.",
        indent=True,
    )
    signature(doc)
    acquainted(doc)


def order_final_event(doc: Document) -> None:
    requisites(doc, "ПРИКАЗ")
    title(doc)
    para(
        doc,
        "В целях подведения итогов реализации целевой модели наставничества педагогических "
        "работников в {{ academic_year }} учебном году, выявления и распространения лучших "
        "практик наставничества",
        indent=True,
    )
    para(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6)
    para(
        doc,
        "1. Провести {{ event.date }}{% if event.time %} в {{ event.time }}{% endif %} "
        "{% if event.form == 'conference' %}конференцию{% elif event.form == 'seminar' %}"
        "семинар{% else %}круглый стол{% endif %}"
        "{% if event.topic %} «{{ event.topic }}»{% endif %}"
        "{% if event.place %} ({{ event.place }}){% endif %}.",
        indent=True,
    )
    para(
        doc,
        "2. Ответственным за подготовку и проведение назначить {{ responsible.name_accs }}"
        "{% if responsible.position %}, {{ responsible.position_accs }}{% endif %}.",
        indent=True,
    )
    para(
        doc,
        "3. Наставникам и наставляемым подготовить выступления о результатах реализации "
        "персонализированных программ наставничества; лучшие практики включить в методическую "
        "копилку {{ organization.short_name }}.",
        indent=True,
    )
    tag(doc, "{%p if participants %}")
    para(doc, "4. Утвердить список участников:", indent=True)
    tag(doc, "{%p for p in participants %}")
    para(
        doc,
        "4.{{ loop.index }}. {{ p.full_name }}{% if p.position %}, {{ p.position }}"
        "{% endif %}{{ '.' if loop.last else ';' }}",
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(
        doc,
        "{{ 5 if participants else 4 }}. Контроль за исполнением настоящего приказа "
        "оставляю за собой.",
        indent=True,
    )
    signature(doc)
    acquainted(doc)


def order_early_end(doc: Document) -> None:
    requisites(doc, "ПРИКАЗ")
    title(doc)
    para(
        doc,
        "В соответствии с Положением о системе наставничества педагогических работников "
        "{{ organization.short_name }}, {% if initiator == 'mentor' %}на основании заявления "
        "наставника{% elif initiator == 'mentee' %}на основании заявления наставляемого"
        "{% elif initiator == 'both' %}по взаимному согласию наставника и наставляемого"
        "{% else %}в связи с производственной необходимостью{% endif %}"
        "{% if reason %} ({{ reason }}){% endif %}",
        indent=True,
    )
    para(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6)
    para(
        doc,
        "1. Прекратить досрочно с {{ end_date }} наставничество {{ mentor.name_gent }}"
        "{% if mentor.position %}, {{ mentor.position_gent }}{% endif %}, в отношении "
        "{{ mentee.name_gent }}{% if mentee.position %}, {{ mentee.position_gent }}{% endif %}"
        "{% if pair_order %}, закреплённое приказом {{ pair_order }}{% endif %}.",
        indent=True,
    )
    para(
        doc,
        "2. {% if curator %}Куратору {{ curator.name_datv }}{% else %}Куратору "
        "наставничества{% endif %} в срок до {{ search_due }} организовать подбор наставника "
        "для {{ mentee.name_gent }} и психолого-педагогическое сопровождение наставляемого на "
        "период поиска.",
        indent=True,
    )
    para(doc, "3. Контроль за исполнением настоящего приказа оставляю за собой.", indent=True)
    signature(doc)
    acquainted(doc)


def protocol(doc: Document) -> None:
    requisites(doc, "ПРОТОКОЛ", extract="ВЫПИСКА ИЗ ПРОТОКОЛА")
    para(doc, "заседания педагогического совета", align=CENTER, bold=True, space_after=12)
    para(doc, "Председатель — {{ chair.initials_name }}", align=LEFT)
    para(doc, "Секретарь — {{ secretary.initials_name }}", align=LEFT)
    para(
        doc,
        "Присутствовали: {{ present }} чел.{% if absent %} Отсутствовали: {{ absent }} "
        "чел.{% endif %}",
        align=LEFT,
        space_after=12,
    )
    para(doc, "ПОВЕСТКА ДНЯ:", align=LEFT, bold=True, space_after=6)
    tag(doc, "{%p for item in items %}")
    para(doc, "{{ loop.index }}. {{ item.topic }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for item in items %}")
    para(doc, "{{ loop.index }}. СЛУШАЛИ: {{ item.heard }}", indent=True, space_before=12)
    tag(doc, "{%p if item.spoke %}")
    para(doc, "ВЫСТУПИЛИ: {{ item.spoke }}", indent=True)
    tag(doc, "{%p endif %}")
    para(doc, "ПОСТАНОВИЛИ: {{ item.decided }}", indent=True)
    para(
        doc,
        "Голосовали: «за» — {{ item.votes_for }}, «против» — {{ item.votes_against }}, "
        "«воздержались» — {{ item.votes_abstained }}.",
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    para(doc, "", space_after=18)
    two_columns(doc, "Председатель", "{{ chair.initials_name }}")
    two_columns(doc, "Секретарь", "{{ secretary.initials_name }}")
    tag(doc, "{%p if extract %}")
    para(doc, "Выписка верна.", align=LEFT, space_before=18)
    two_columns(doc, "{{ head.position_title }}", "{{ head.initials_name }}")
    para(doc, "{{ document.date }}", align=LEFT)
    tag(doc, "{%p endif %}")


def regulation(doc: Document) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "ПРИНЯТО"
    for text in (
        "на заседании педагогического совета",
        "протокол № {{ council.number }}",
        "от {{ council.date }}",
    ):
        left.add_paragraph(text)
    right.paragraphs[0].text = "УТВЕРЖДАЮ"
    for text in (
        "{{ head.position_title }} {{ organization.short_name }}",
        "________________ {{ head.initials_name }}",
        "Приказ № {{ approval.number }} от {{ approval.date_quoted }}",
    ):
        right.add_paragraph(text)
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = LEFT
            for run in p.runs:
                run.font.size = Pt(12)
    para(doc, "", space_after=18)
    para(doc, "ПОЛОЖЕНИЕ", align=CENTER, bold=True, size=16, spaced=True)
    para(doc, "о системе наставничества педагогических работников", align=CENTER, bold=True)
    para(doc, "{{ organization.short_name }}", align=CENTER, bold=True, space_after=12)
    tag(doc, "{%p for s in sections %}")
    para(
        doc,
        "{{ loop.index }}. {{ s.title }}",
        align=CENTER,
        bold=True,
        space_before=12,
        space_after=6,
    )
    tag(doc, "{%p set section = loop.index %}")
    tag(doc, "{%p for point in s.points %}")
    para(doc, "{{ section }}.{{ loop.index }}. {{ point }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


def consent_personal_data(doc: Document) -> None:
    para(doc, "{{ head.position_title }} {{ organization.short_name }}", align=RIGHT)
    para(doc, "{{ head.initials_name }}", align=RIGHT)
    para(
        doc,
        "от {{ person.name_gent }}{% if person.position %}, {{ person.position_gent }}{% endif %}",
        align=RIGHT,
        space_after=18,
    )
    para(doc, "СОГЛАСИЕ", align=CENTER, bold=True, size=16, spaced=True)
    para(doc, "на обработку персональных данных", align=CENTER, bold=True, space_after=12)
    para(
        doc,
        "Я, {{ person.full_name }}, паспорт серия ________ № ______________, выдан "
        "_________________________________________________ «___» ____________ ______ г., "
        "зарегистрированный(ая) по адресу: ____________________________________________, "
        "в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных "
        "данных» свободно, своей волей и в своём интересе даю согласие оператору — "
        "{{ organization.full_name }} (адрес: {{ organization.address }}) — на обработку моих "
        "персональных данных на следующих условиях.",
        indent=True,
    )
    para(
        doc,
        "1. Цель обработки: организация и реализация целевой модели наставничества "
        "педагогических работников: формирование банков наставников и наставляемых, "
        "закрепление наставнических пар и групп, разработка и реализация персонализированных "
        "программ наставничества, мониторинг и оценка их результатов, представление информации "
        "в {{ municipality.authority_name or 'орган управления образованием' }} и "
        "{{ region.center_name or 'региональный центр наставничества' }}.",
        indent=True,
    )
    para(
        doc,
        "2. Перечень персональных данных: фамилия, имя, отчество; пол; дата рождения; "
        "должность; преподаваемые предметы; квалификационная категория; стаж педагогической "
        "работы; сведения об образовании и повышении квалификации; адрес электронной почты и "
        "номер телефона; профессиональные запросы и затруднения; результаты анкетирования; "
        "сведения об участии в программах наставничества и их результатах.",
        indent=True,
    )
    para(
        doc,
        "3. Перечень действий: сбор, запись, систематизация, накопление, хранение, "
        "уточнение (обновление, изменение), извлечение, использование, передача (предоставление, "
        "доступ) органу управления образованием и региональному центру наставничества, "
        "обезличивание, блокирование, удаление, уничтожение; обработка смешанная, с "
        "использованием средств автоматизации и без них.",
        indent=True,
    )
    para(
        doc,
        "4. Согласие действует со дня подписания до достижения целей обработки или до его "
        "отзыва. Согласие может быть отозвано мною в любой момент письменным заявлением, "
        "направленным оператору; в этом случае оператор прекращает обработку персональных "
        "данных и уничтожает их в срок, не превышающий 30 дней, за исключением данных, "
        "хранение которых предусмотрено законодательством Российской Федерации.",
        indent=True,
    )
    para(
        doc,
        "5. Я ознакомлен(а) с Положением о системе наставничества педагогических работников "
        "{{ organization.short_name }} и с правами субъекта персональных данных, "
        "предусмотренными главой 3 Федерального закона № 152-ФЗ.",
        indent=True,
    )
    para(doc, "", space_after=18)
    two_columns(doc, "«___» ____________ 20___ г.", "________________ / {{ person.initials_name }}")


def consent_personal_data_learner(doc: Document) -> None:
    """The consent of a student or schoolchild; for a minor, of the parent (152-FZ art. 9)."""
    signer = (
        "{% if representative %}{{ representative.initials_name }}{% else %}"
        "{{ person.initials_name }}{% endif %}"
    )
    para(doc, "{{ head.position_title }} {{ organization.short_name }}", align=RIGHT)
    para(doc, "{{ head.initials_name }}", align=RIGHT)
    para(
        doc,
        "от {% if representative %}{{ representative.name_gent }}{% else %}"
        "{{ person.name_gent }}{% endif %}",
        align=RIGHT,
        space_after=18,
    )
    para(doc, "СОГЛАСИЕ", align=CENTER, bold=True, size=16, spaced=True)
    para(
        doc,
        "на обработку персональных данных "
        "{% if representative %}несовершеннолетнего{% else %}обучающегося{% endif %}",
        align=CENTER,
        bold=True,
        space_after=12,
    )
    passport = (
        "паспорт серия ________ № ______________, выдан "
        "_________________________________________________ «___» ____________ ______ г., "
        "зарегистрированный(ая) по адресу: ____________________________________________"
    )
    learner = (
        "{% if learner.birth_date %}, {{ learner.birth_date }} года рождения{% endif %}"
        "{% if learner.group %}, обучающегося(ейся) группы (класса) {{ learner.group }}"
        "{% endif %}{% if learner.school %} ({{ learner.school }}){% endif %}"
    )
    tag(doc, "{%p if representative %}")
    para(
        doc,
        "Я, {{ representative.full_name }}, " + passport + ", являясь родителем (законным "
        "представителем) несовершеннолетнего(ей) {{ person.full_name }}" + learner + ", в "
        "соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных "
        "данных» свободно, своей волей и в интересе моего ребёнка даю согласие оператору — "
        "{{ organization.full_name }} (адрес: {{ organization.address }}) — на обработку "
        "персональных данных моего ребёнка на следующих условиях.",
        indent=True,
    )
    tag(doc, "{%p else %}")
    para(
        doc,
        "Я, {{ person.full_name }}" + learner + ", " + passport + ", в соответствии со "
        "статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных» "
        "свободно, своей волей и в своём интересе даю согласие оператору — "
        "{{ organization.full_name }} (адрес: {{ organization.address }}) — на обработку моих "
        "персональных данных на следующих условиях.",
        indent=True,
    )
    tag(doc, "{%p endif %}")
    para(
        doc,
        "1. Цель обработки: участие в программе наставничества {{ organization.short_name }}: "
        "формирование банков наставников и наставляемых, закрепление наставнических пар и групп, "
        "разработка и реализация персонализированных программ наставничества, анкетирование, "
        "мониторинг и оценка их результатов, представление обобщённой информации в "
        "{{ municipality.authority_name or 'орган управления образованием' }} и "
        "{{ region.center_name or 'региональный центр наставничества' }}.",
        indent=True,
    )
    para(
        doc,
        "2. Перечень персональных данных: фамилия, имя, отчество; пол; дата рождения; группа "
        "(класс), курс, специальность (профиль) обучения; номер телефона и адрес электронной "
        "почты; {% if representative %}фамилия, имя, отчество и контакты родителя (законного "
        "представителя); {% endif %}интересы, способности и образовательные запросы; "
        "результаты анкетирования; сведения об участии в программах наставничества и их "
        "результатах.",
        indent=True,
    )
    para(
        doc,
        "3. Перечень действий: сбор, запись, систематизация, накопление, хранение, "
        "уточнение (обновление, изменение), извлечение, использование, передача (предоставление, "
        "доступ) органу управления образованием и региональному центру наставничества, "
        "обезличивание, блокирование, удаление, уничтожение; обработка смешанная, с "
        "использованием средств автоматизации и без них. Распространение персональных данных "
        "(в том числе на сайте организации) этим согласием не разрешается.",
        indent=True,
    )
    para(
        doc,
        "4. Согласие действует со дня подписания до достижения целей обработки или до его "
        "отзыва. Согласие может быть отозвано в любой момент письменным заявлением, "
        "направленным оператору; в этом случае оператор прекращает обработку персональных "
        "данных и уничтожает их в срок, не превышающий 30 дней, за исключением данных, "
        "хранение которых предусмотрено законодательством Российской Федерации.",
        indent=True,
    )
    para(
        doc,
        "5. Я ознакомлен(а) с Положением о наставничестве {{ organization.short_name }} и с "
        "правами субъекта персональных данных, предусмотренными главой 3 Федерального закона "
        "№ 152-ФЗ.",
        indent=True,
    )
    para(doc, "", space_after=18)
    two_columns(doc, "«___» ____________ 20___ г.", "________________ / " + signer)


def cells(doc: Document, left: list[str], right: list[str], *, size: int = 12) -> None:
    """Two borderless columns of several lines each (the parties' signatures)."""
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.width = Cm(8.25)
        cell.paragraphs[0].text = lines[0]
        for text in lines[1:]:
            cell.add_paragraph(text)
        for p in cell.paragraphs:
            p.alignment = LEFT
            for run in p.runs:
                run.font.size = Pt(size)


def addressed_to_head(doc: Document) -> None:
    para(doc, "{{ head.position_title }} {{ organization.short_name }}", align=RIGHT)
    para(doc, "{{ head.initials_name }}", align=RIGHT)
    para(
        doc,
        "от {{ person.name_gent }}{% if person.position %}, {{ person.position_gent }}{% endif %}",
        align=RIGHT,
        space_after=18,
    )


DATE_BLANK = "«___» ____________ 20___ г."


def consent_duties(doc: Document) -> None:
    addressed_to_head(doc)
    para(doc, "СОГЛАСИЕ", align=CENTER, bold=True, size=16, spaced=True)
    para(
        doc,
        "на выполнение дополнительной работы по наставничеству",
        align=CENTER,
        bold=True,
        space_after=12,
    )
    para(
        doc,
        "Я, {{ person.full_name }}{% if person.position %}, {{ person.position }}{% endif %}, "
        "в соответствии со статьёй 351.8 Трудового кодекса Российской Федерации даю согласие "
        "на выполнение без освобождения от основной работы, определённой трудовым договором, "
        "дополнительной работы — обязанностей наставника педагогического работника "
        "(работников) {{ organization.short_name }} в {{ academic_year }} учебном году в рамках "
        "реализации целевой модели наставничества педагогических работников.",
        indent=True,
    )
    para(doc, "Обязанности наставника:", indent=True)
    for duty in (
        "разработка совместно с наставляемым персонализированной программы наставничества и "
        "её реализация;",
        "оказание наставляемому методической и практической помощи в планировании и "
        "проведении учебных занятий, взаимное посещение занятий и их анализ;",
        "содействие профессиональному развитию наставляемого и его адаптации в коллективе;",
        "участие в мониторинге и оценке результатов наставничества, ведение документации "
        "наставника;",
        "представление куратору наставничества отчёта о результатах реализации программы.",
    ):
        para(doc, f"– {duty}", indent=True)
    para(
        doc,
        "Мне известно, что содержание, срок и форма выполнения работы по наставничеству и "
        "размер доплаты за её выполнение устанавливаются дополнительным соглашением к трудовому "
        "договору и что я вправе досрочно отказаться от выполнения этой работы, предупредив "
        "работодателя в письменной форме не позднее чем за три рабочих дня (часть 4 статьи 60.2 "
        "Трудового кодекса Российской Федерации).",
        indent=True,
    )
    para(doc, "", space_after=18)
    two_columns(doc, DATE_BLANK, "________________ / {{ person.initials_name }}")

    doc.add_page_break()
    para(doc, "Дополнительное соглашение № ___", align=CENTER, bold=True)
    para(
        doc,
        "к трудовому договору от «___» ____________ 20___ г. № ___",
        align=CENTER,
        bold=True,
        space_after=12,
    )
    two_columns(doc, "{{ document_place }}", DATE_BLANK)
    para(doc, "", space_after=12)
    para(
        doc,
        "{{ organization.full_name }}, именуемое в дальнейшем «Работодатель», в лице "
        "{{ head.position_gent }} {{ head.name_gent }}, действующего на основании Устава, с одной "
        "стороны, и {{ person.full_name }}{% if person.position %}, {{ person.position }}"
        "{% endif %}, именуемый(ая) в дальнейшем «Работник», с другой стороны, вместе именуемые "
        "«Стороны», в соответствии со статьями 60.2, 72 и 351.8 Трудового кодекса Российской "
        "Федерации, на основании письменного согласия Работника заключили настоящее "
        "дополнительное соглашение о нижеследующем.",
        indent=True,
    )
    for point in (
        "1. Работодатель поручает, а Работник обязуется выполнять в течение установленной "
        "продолжительности рабочего дня наряду с работой, определённой трудовым договором, "
        "дополнительную работу по наставничеству в отношении педагогического работника "
        "(работников), указанного(ых) в приказе {{ organization.short_name }} о закреплении "
        "наставнических пар (групп): разработку и реализацию совместно с наставляемым "
        "персонализированной программы наставничества, оказание наставляемому методической и "
        "практической помощи, участие в мониторинге и оценке результатов наставничества.",
        "2. Форма наставничества — «учитель – учитель»; наставничество индивидуальное или "
        "групповое в соответствии с приказом о закреплении наставнических пар (групп).",
        "3. Срок выполнения дополнительной работы — на период {{ academic_year }} учебного года "
        "(срок реализации персонализированной программы наставничества): с «___» ____________ "
        "20___ г. по «___» ____________ 20___ г.",
        "4. За выполнение дополнительной работы Работнику устанавливается доплата в размере "
        "______ рублей (____ % должностного оклада) ежемесячно, выплачиваемая в сроки, "
        "установленные для выплаты заработной платы.",
        "5. Работник вправе досрочно отказаться от выполнения дополнительной работы, а "
        "Работодатель — досрочно отменить поручение о её выполнении, предупредив об этом другую "
        "сторону в письменной форме не позднее чем за три рабочих дня (часть 4 статьи 60.2 "
        "Трудового кодекса Российской Федерации).",
        "6. Настоящее дополнительное соглашение является неотъемлемой частью трудового договора, "
        "составлено в двух экземплярах, имеющих одинаковую юридическую силу, по одному для "
        "каждой из Сторон, и вступает в силу со дня его подписания Сторонами. В остальном "
        "условия трудового договора остаются неизменными.",
    ):
        para(doc, point, indent=True)
    para(doc, "", space_after=18)
    cells(
        doc,
        [
            "Работодатель:",
            "{{ organization.short_name }}",
            "{{ head.position_title }}",
            "",
            "________________ / {{ head.initials_name }}",
            "М.П.",
        ],
        [
            "Работник:",
            "{{ person.full_name }}",
            "",
            "",
            "________________ / {{ person.initials_name }}",
        ],
    )
    para(doc, "", space_after=12)
    para(doc, "Экземпляр дополнительного соглашения получил(а):", align=LEFT)
    two_columns(doc, DATE_BLANK, "________________ / {{ person.initials_name }}")


PUBLICATION_DATA = [
    ("Персональные данные", "фамилия, имя, отчество"),
    ("Персональные данные", "должность"),
    ("Персональные данные", "преподаваемые предметы"),
    ("Персональные данные", "квалификационная категория"),
    (
        "Персональные данные",
        "сведения об участии в программе наставничества и её результатах",
    ),
    ("Биометрические персональные данные", "фотография (изображение)"),
    ("Биометрические персональные данные", "видеозапись"),
]


def consent_publication(doc: Document) -> None:
    para(doc, "СОГЛАСИЕ", align=CENTER, bold=True, size=16, spaced=True)
    para(
        doc,
        "на обработку персональных данных, разрешённых субъектом персональных данных "
        "для распространения",
        align=CENTER,
        bold=True,
        space_after=12,
    )
    para(
        doc,
        "Я, {{ person.full_name }}, телефон ____________________, адрес электронной почты "
        "______________________________ (почтовый адрес "
        "____________________________________________), руководствуясь статьёй 10.1 "
        "Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных», в соответствии с "
        "требованиями к содержанию согласия, утверждёнными приказом Роскомнадзора от 24.02.2021 "
        "№ 18, заявляю о согласии на распространение моих персональных данных оператором на "
        "следующих условиях.",
        indent=True,
    )
    for point in (
        "1. Оператор: {{ organization.full_name }}, адрес: {{ organization.address or "
        "'____________________________________________' }}, ИНН ______________, "
        "ОГРН ________________.",
        "2. Цель обработки: освещение мероприятий программы наставничества педагогических "
        "работников, реализуемой в {{ academic_year }} учебном году, на официальном сайте и в "
        "официальных сообществах {{ organization.short_name }} в социальных сетях.",
        "3. Информационные ресурсы оператора, посредством которых будет осуществляться "
        "предоставление доступа неограниченному кругу лиц и иные действия с персональными "
        "данными: официальный сайт {{ organization.website or '______________________________' }};"
        " официальные сообщества в социальных сетях: "
        "______________________________________________________________.",
        "4. Категории и перечень персональных данных, разрешённых к распространению, условия и "
        "запреты (в графе «Разрешаю к распространению» указывается «да» или «нет»; если графа "
        "не заполнена, согласие на распространение этих данных не дано):",
    ):
        para(doc, point, indent=True)
    headers = [
        "Категория персональных данных",
        "Перечень персональных данных",
        "Разрешаю к распространению (да/нет)",
        "Условия и запреты",
    ]
    table = doc.add_table(rows=1 + len(PUBLICATION_DATA), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].alignment = CENTER
        cell.paragraphs[0].runs[0].bold = True
    for row, (category, item) in zip(table.rows[1:], PUBLICATION_DATA, strict=True):
        for cell, text in zip(row.cells, (category, item, "", ""), strict=True):
            cell.paragraphs[0].text = text
            cell.paragraphs[0].alignment = LEFT
    for r in table.rows:
        for c in r.cells:
            for run in c.paragraphs[0].runs:
                run.font.size = Pt(12)
    for point in (
        "5. Условия, при которых полученные персональные данные могут передаваться оператором "
        "только по его внутренней сети, обеспечивающей доступ к информации лишь для строго "
        "определённых сотрудников, либо с использованием информационно-телекоммуникационных "
        "сетей, либо без передачи полученных персональных данных: не устанавливаю / "
        "____________________________________________ (нужное подчеркнуть, указать).",
        "6. Настоящее согласие дано отдельно от иных согласий на обработку моих персональных "
        "данных (часть 1 статьи 10.1 Федерального закона № 152-ФЗ) и действует со дня его "
        "подписания до «___» ____________ 20___ г., а если срок не указан — до дня его отзыва.",
        "7. Мне разъяснено, что распространение моих персональных данных должно быть прекращено "
        "в любое время по моему письменному требованию, которое включает фамилию, имя, отчество, "
        "контактную информацию (номер телефона, адрес электронной почты или почтовый адрес) и "
        "перечень персональных данных, обработка которых подлежит прекращению; действие "
        "настоящего согласия прекращается с момента поступления оператору такого требования "
        "(части 12 и 13 статьи 10.1 Федерального закона № 152-ФЗ).",
    ):
        para(doc, point, indent=True, space_before=6 if point.startswith("5.") else 0)
    para(doc, "", space_after=18)
    two_columns(doc, DATE_BLANK, "________________ / {{ person.initials_name }}")


def roadmap(doc: Document) -> None:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = "ПРИНЯТ"
    for text in (
        "на педагогическом совете",
        "Протокол № {{ council.number }}",
        "от {{ council.date }}",
    ):
        left.add_paragraph(text)
    right.paragraphs[0].text = "УТВЕРЖДАЮ"
    for text in (
        "{{ head.position_title }} {{ organization.short_name }}",
        "________________ {{ head.initials_name }}",
        "Приказ № {{ approval.number }} от {{ approval.date_quoted }}",
    ):
        right.add_paragraph(text)
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = LEFT
            for run in p.runs:
                run.font.size = Pt(12)
    para(doc, "", space_after=12)
    para(doc, "{{ roadmap.title }}", align=CENTER, bold=True, space_after=12)
    # The sections of the program before the table (seed 004's order), each only when present.
    tag(doc, "{%p if basis %}")
    para(doc, "{{ n.basis }}. Нормативно-правовое обоснование", bold=True, space_before=6)
    tag(doc, "{%p for line in basis %}")
    para(doc, "{{ line }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if goal %}")
    para(doc, "{{ n.goal }}. Цель программы наставничества", bold=True, space_before=6)
    para(doc, "{{ goal }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if tasks %}")
    para(doc, "{{ n.tasks }}. Задачи", bold=True, space_before=6)
    tag(doc, "{%p for task in tasks %}")
    para(doc, "{{ loop.index }}) {{ task }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if forms %}")
    para(doc, "{{ n.forms }}. Формы наставничества", bold=True, space_before=6)
    tag(doc, "{%p if forms_intro %}")
    para(doc, "{{ forms_intro }}", indent=True)
    tag(doc, "{%p endif %}")
    para(doc, "Формы наставничества:", indent=True)
    tag(doc, "{%p for form in forms %}")
    para(doc, "– «{{ form }}»{% if not loop.last %};{% else %}.{% endif %}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if forms_note %}")
    para(doc, "{{ forms_note }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    para(doc, "{{ n.table }}. Этапы и сроки реализации", bold=True, space_before=6, space_after=6)
    grid = doc.add_table(rows=4, cols=6)
    grid.style = "Table Grid"
    headers = [
        "№ п/п",
        "Наименование этапа",
        "Содержание деятельности",
        "Сроки",
        "Ответственные",
        "Отметка о выполнении",
    ]
    for cell, text in zip(grid.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].alignment = CENTER
        cell.paragraphs[0].runs[0].bold = True
    grid.rows[1].cells[0].paragraphs[0].text = "{%tr for r in rows %}"
    values = [
        "{{ r.number }}",
        "{{ r.stage }}",
        "{{ r.content }}",
        "{{ r.deadline }}",
        "{{ r.responsible }}",
        "{{ r.mark }}",
    ]
    for cell, text in zip(grid.rows[2].cells, values, strict=True):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].alignment = LEFT
    grid.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    for r in grid.rows:
        for c in r.cells:
            for run in c.paragraphs[0].runs:
                run.font.size = Pt(11)
    # After the table (seed 002's order): risks, expected results, the organization of control.
    tag(doc, "{%p if risks %}")
    para(
        doc,
        "{{ n.risks }}. Возможные риски при реализации программы и способы их "
        "предотвращения (устранения)",
        bold=True,
        space_before=12,
        space_after=6,
    )
    risks = doc.add_table(rows=4, cols=3)
    risks.style = "Table Grid"
    for cell, text in zip(
        risks.rows[0].cells, ["№", "Риски", "Мероприятия по минимизации рисков"], strict=True
    ):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].alignment = CENTER
        cell.paragraphs[0].runs[0].bold = True
    risks.rows[1].cells[0].paragraphs[0].text = "{%tr for r in risks %}"
    for cell, text in zip(
        risks.rows[2].cells, ["{{ r.number }}", "{{ r.title }}", "{{ r.mitigation }}"], strict=True
    ):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].alignment = LEFT
    risks.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if results %}")
    para(doc, "{{ n.results }}. Ожидаемые результаты", bold=True, space_before=12)
    tag(doc, "{%p for group in results %}")
    para(doc, "{{ group.label }}:", bold=True, indent=True)
    tag(doc, "{%p for item in group['items'] %}")
    para(doc, "{{ loop.index }}. {{ item }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if control %}")
    para(
        doc,
        "{{ n.control }}. Организация контроля результатов программы и её эффективности",
        bold=True,
        space_before=12,
    )
    tag(doc, "{%p for point in control %}")
    para(doc, "{{ loop.index }}. {{ point }}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE  # the table of the seeds is wide
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin = Mm(20), Mm(15)


def mentorship_program(doc: Document) -> None:
    """The personalized mentorship program in the layout the schools use: the approval block,
    the title, the participants, four sections and the plan of activities, the signatures."""
    para(doc, "{{ organization.full_name }}", align=CENTER, bold=True, space_after=12)
    tag(doc, "{%p if approval %}")
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(8), Cm(8.5)
    right.paragraphs[0].text = "УТВЕРЖДАЮ"
    for text in (
        "{{ head.position_title }} {{ organization.short_name }}",
        "________________ {{ head.initials_name }}",
        "{{ approval.date_quoted }}",
    ):
        right.add_paragraph(text)
    for p in right.paragraphs:
        p.alignment = LEFT
        for run in p.runs:
            run.font.size = Pt(12)
    para(doc, "", space_after=12)
    tag(doc, "{%p endif %}")
    para(
        doc,
        "ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА",
        align=CENTER,
        bold=True,
        size=16,
        space_before=12,
    )
    para(doc, "на {{ mentorship.academic_year }} учебный год", align=CENTER, space_after=12)
    para(
        doc,
        "Наставник: {{ mentor.full_name }}{% if mentor.position %}, {{ mentor.position }}"
        "{% endif %}",
        align=LEFT,
    )
    para(
        doc,
        "{% if mentees|length > 1 %}Наставляемые{% else %}Наставляемый{% endif %}: "
        "{% for m in mentees %}{{ m.full_name }}{% if m.position %}, {{ m.position }}{% endif %}"
        "{{ '; ' if not loop.last }}{% endfor %}",
        align=LEFT,
    )
    para(doc, "Форма наставничества: {{ mentorship.form }}", align=LEFT)
    para(doc, "Вид наставничества: {{ mentorship.type }}", align=LEFT)
    para(
        doc,
        "Срок реализации программы: {{ mentorship.period }}",
        align=LEFT,
        space_after=12,
    )
    sections = [
        ("1. Цель", "goal"),
        ("2. Задачи", "tasks"),
        ("3. Ожидаемые результаты", "expected_results"),
        ("4. Индивидуальный план развития наставляемого", "development_plan"),
    ]
    for heading, name in sections:
        para(doc, heading, align=LEFT, bold=True, space_before=6, space_after=6)
        tag(doc, f"{{%p for line in program.{name} %}}")
        para(doc, "{{ line }}", indent=True)
        tag(doc, "{%p endfor %}")
    para(doc, "План мероприятий", align=CENTER, bold=True, space_before=12, space_after=6)
    grid = doc.add_table(rows=4, cols=6)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    headers = ["№", "Мероприятие", "Вид", "Срок", "Ответственный", "Отметка о выполнении"]
    widths = [Cm(1), Cm(5.5), Cm(2.8), Cm(2.4), Cm(2.8), Cm(2.9)]
    for cell, text, width in zip(grid.rows[0].cells, headers, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].text = text
        cell.paragraphs[0].alignment = CENTER
        cell.paragraphs[0].runs[0].bold = True
    grid.rows[1].cells[0].paragraphs[0].text = "{%tr for a in activities %}"
    values = [
        "{{ a.number }}",
        "{{ a.title }}",
        "{{ a.kind }}",
        "{{ a.due }}",
        "{{ a.responsible }}",
        "{{ a.mark }}",
    ]
    for cell, text, width in zip(grid.rows[2].cells, values, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].text = text
        cell.paragraphs[0].alignment = LEFT
    grid.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    for r in grid.rows:
        for c in r.cells:
            for run in c.paragraphs[0].runs:
                run.font.size = Pt(11)
    para(doc, "", space_after=18)
    signature_line = "________________ / {{ %s.initials_name }}  «___» ____________ 20___ г."
    para(doc, "Наставник: " + signature_line % "mentor", align=LEFT, space_after=6)
    tag(doc, "{%p for m in mentees %}")
    para(doc, "Наставляемый: " + signature_line % "m", align=LEFT, space_after=6)
    tag(doc, "{%p endfor %}")
    para(
        doc,
        "Куратор: ________________ / {% if curator %}{{ curator.initials_name }}"
        "{% else %}________________{% endif %}  «___» ____________ 20___ г.",
        align=LEFT,
    )


def analytical_note(doc: Document) -> None:
    """The mentor's analytical report on a pair or group: the participants and period, the
    goal and tasks, the facts from the system (activities, meetings, portfolio, satisfaction),
    the edited sections, the participants' reports, the mentor's signature."""
    para(doc, "{{ organization.full_name }}", align=CENTER, bold=True, space_after=12)
    para(doc, "АНАЛИТИЧЕСКАЯ СПРАВКА", align=CENTER, bold=True, size=16, space_before=12)
    para(
        doc,
        "наставника по итогам реализации персонализированной программы наставничества "
        "в {{ mentorship.academic_year }} учебном году",
        align=CENTER,
        space_after=12,
    )
    para(
        doc,
        "Наставник: {{ mentor.full_name }}{% if mentor.position %}, {{ mentor.position }}"
        "{% endif %}",
        align=LEFT,
    )
    para(
        doc,
        "{% if mentees|length > 1 %}Наставляемые{% else %}Наставляемый{% endif %}: "
        "{% for m in mentees %}{{ m.full_name }}{% if m.position %}, {{ m.position }}{% endif %}"
        "{{ '; ' if not loop.last }}{% endfor %}",
        align=LEFT,
    )
    para(doc, "Форма наставничества: {{ mentorship.form }}; вид: {{ mentorship.type }}", align=LEFT)
    para(
        doc,
        "Срок реализации программы: {{ mentorship.period }}"
        "{% if mentorship.ended_on %} (завершена {{ mentorship.ended_on }}){% endif %}",
        align=LEFT,
        space_after=12,
    )
    para(doc, "1. Цель программы", align=LEFT, bold=True, space_before=6, space_after=6)
    tag(doc, "{%p for line in program.goal %}")
    para(doc, "{{ line }}", indent=True)
    tag(doc, "{%p endfor %}")
    para(doc, "2. Задачи программы", align=LEFT, bold=True, space_before=6, space_after=6)
    tag(doc, "{%p for line in program.tasks %}")
    para(doc, "{{ line }}", indent=True)
    tag(doc, "{%p endfor %}")
    para(doc, "3. Выполнение плана мероприятий", align=LEFT, bold=True, space_before=6)
    para(
        doc,
        "Выполнено мероприятий: {{ activities.done|length }} из {{ activities.total }}"
        "{% if activities.overdue %}; просрочено: {{ activities.overdue|length }}{% endif %}.",
        indent=True,
    )
    tag(doc, "{%p for a in activities.done %}")
    para(doc, "— {{ a.title }}{% if a.date %} (выполнено {{ a.date }}){% endif %}", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if activities.overdue %}")
    para(doc, "Не выполнены в срок:", indent=True)
    tag(doc, "{%p for a in activities.overdue %}")
    para(doc, "— {{ a.title }} (срок {{ a.due }})", indent=True)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "4. Проведённые встречи", align=LEFT, bold=True, space_before=6)
    para(doc, "Всего проведено встреч: {{ meetings_total }}.", indent=True)
    tag(doc, "{%p for m in meetings %}")
    para(doc, "— {{ m.kind }}: {{ m.count }}", indent=True)
    tag(doc, "{%p endfor %}")
    para(doc, "5. Портфолио наставляемых", align=LEFT, bold=True, space_before=6)
    tag(doc, "{%p for item in portfolio %}")
    para(
        doc,
        "— {{ item.title }} ({{ item.kind }}, {{ item.date }}{% if mentees|length > 1 %}, "
        "{{ item.mentee }}{% endif %})",
        indent=True,
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not portfolio %}")
    para(doc, "Материалы в портфолио не добавлены.", indent=True)
    tag(doc, "{%p endif %}")
    para(doc, "6. Удовлетворённость участников", align=LEFT, bold=True, space_before=6)
    para(
        doc,
        "{% if satisfaction %}По результатам анкетирования «{{ satisfaction.survey }}» "
        "({{ satisfaction.date }}) удовлетворённость участников составила "
        "{{ satisfaction.value }} из 100.{% else %}Анкетирование удовлетворённости участников "
        "пары (группы) не проводилось.{% endif %}",
        indent=True,
    )
    sections = [
        ("7. Проделанная работа", "work_done"),
        ("8. Достигнутые результаты по цели и задачам программы", "results"),
        ("9. Трудности", "difficulties"),
        ("10. Выводы и рекомендации", "recommendations"),
    ]
    for heading, name in sections:
        para(doc, heading, align=LEFT, bold=True, space_before=6, space_after=6)
        tag(doc, f"{{%p for line in sections.{name} %}}")
        para(doc, "{{ line }}", indent=True)
        tag(doc, "{%p endfor %}")
    tag(doc, "{%p if reports %}")
    para(doc, "11. Отчёты участников", align=LEFT, bold=True, space_before=6, space_after=6)
    tag(doc, "{%p for r in reports %}")
    para(doc, "{{ r.author.full_name }} ({{ r.role }})", align=LEFT, bold=True, space_before=6)
    para(doc, "Что сделано: {{ r.done }}", indent=True)
    para(doc, "Результаты: {{ r.results }}", indent=True)
    tag(doc, "{%p if r.difficulties %}")
    para(doc, "Трудности: {{ r.difficulties }}", indent=True)
    tag(doc, "{%p endif %}")
    para(doc, "Самооценка: {{ r.self_assessment }} из 10", indent=True)
    tag(doc, "{%p if r.to_continue %}")
    para(doc, "Что продолжить: {{ r.to_continue }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if r.suggestions %}")
    para(doc, "Предложения: {{ r.suggestions }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if r.useful_forms %}")
    para(doc, "Наиболее полезные формы работы: {{ r.useful_forms }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if r.recommends %}")
    para(doc, "Рекомендует наставника коллегам: {{ r.recommends }}", indent=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "", space_after=18)
    para(
        doc,
        "Наставник: ________________ / {{ mentor.initials_name }}  {{ document.date }}",
        align=LEFT,
    )


def annual_report(doc: Document) -> None:
    """The organization's analytical report for the year: the figures as tables, the expected
    results with their figures, the curator's text sections, the signatures."""
    para(doc, "{{ organization.full_name }}", align=CENTER, bold=True, space_after=12)
    para(doc, "АНАЛИТИЧЕСКАЯ СПРАВКА", align=CENTER, bold=True, size=16, space_before=6)
    para(
        doc,
        "о реализации программы наставничества педагогических работников за {{ year }} учебный год",
        align=CENTER,
        bold=True,
        space_after=6,
    )
    para(doc, "{{ document.place }}, {{ document.date }}", align=CENTER, space_after=12)

    def heading(text: str) -> None:
        para(doc, text, align=LEFT, bold=True, space_before=12, space_after=6)

    def text_section(variable: str) -> None:
        tag(doc, f"{{%p for line in report.{variable} %}}")
        para(doc, "{{ line }}", indent=True)
        tag(doc, "{%p endfor %}")

    def grid(headers: list[str], values: list[str], widths: list[float], loop: str) -> None:
        table = doc.add_table(rows=4, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
            cell.width = Cm(width)
            cell.paragraphs[0].text = text
            cell.paragraphs[0].alignment = CENTER
            cell.paragraphs[0].runs[0].bold = True
        table.rows[1].cells[0].paragraphs[0].text = f"{{%tr for {loop} %}}"
        for cell, text, width in zip(table.rows[2].cells, values, widths, strict=True):
            cell.width = Cm(width)
            cell.paragraphs[0].text = text
            cell.paragraphs[0].alignment = LEFT
        table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
        for row in table.rows:
            for cell in row.cells:
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(12)

    heading("1. Общие сведения")
    text_section("introduction")
    heading("2. Показатели реализации программы наставничества")
    tag(doc, "{%p for s in sections %}")
    para(doc, "2.{{ loop.index }}. {{ s.title }}", align=LEFT, bold=True, space_before=6)
    grid(["Показатель", "Значение"], ["{{ r.label }}", "{{ r.value }}"], [12, 4.5], "r in s.rows")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if charts %}")
    para(doc, "Диаграммы", align=LEFT, bold=True, space_before=6)
    tag(doc, "{%p for c in charts %}")
    para(doc, "{{ c.image }}", align=CENTER, space_before=6)
    para(doc, "Рисунок {{ loop.index }}. {{ c.title }}", align=CENTER, space_after=6)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    heading("3. Достижение ожидаемых результатов программы")
    tag(doc, "{%p if results %}")
    para(
        doc,
        "Достигнуто ожидаемых результатов: {{ reached.reached }} из {{ reached.judged }} "
        "измеримых.",
        indent=True,
        space_after=6,
    )
    grid(
        ["№", "Ожидаемый результат", "Показатель", "Значение", "Цель", "Достигнут"],
        [
            "{{ r.number }}",
            "{{ r.group }}: {{ r.text }}",
            "{{ r.indicator }}",
            "{{ r.value }}",
            "{{ r.target }}",
            "{{ r.reached }}",
        ],
        [1, 6.3, 3.7, 2, 1.7, 2],
        "r in results",
    )
    tag(doc, "{%p else %}")
    para(doc, "Ожидаемые результаты программы на учебный год не заданы.", indent=True)
    tag(doc, "{%p endif %}")
    heading("4. Выводы")
    text_section("conclusions")
    heading("5. Проблемы и риски")
    text_section("problems")
    heading("6. Предложения на следующий учебный год")
    text_section("proposals")
    para(doc, "", space_after=18)
    two_columns(doc, "{{ head.position_title }}", "________________ {{ head.initials_name }}")
    para(doc, "", space_after=12)
    two_columns(
        doc,
        "Куратор программы наставничества",
        "________________ {% if curator %}{{ curator.initials_name }}{% else %}"
        "________________{% endif %}",
    )


BUILDERS: dict[str, Callable[[Document], None]] = {
    "roadmap": roadmap,
    "order_implementation": order_implementation,
    "regulation": regulation,
    "order_curator": order_curator,
    "order_pairs": order_pairs,
    "order_award": order_award,
    "order_final_event": order_final_event,
    "order_early_end": order_early_end,
    "protocol": protocol,
    "consent_personal_data": consent_personal_data,
    "consent_personal_data_learner": consent_personal_data_learner,
    "consent_duties": consent_duties,
    "consent_publication": consent_publication,
    "mentorship_program": mentorship_program,
    "analytical_note": analytical_note,
    "annual_report": annual_report,
}


def build_all(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, builder in BUILDERS.items():
        doc = document()
        builder(doc)
        path = directory / f"{kind}.docx"
        doc.save(str(path))
        written.append(path)
    return written
