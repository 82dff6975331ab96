"""The official XLSX report of a municipality or of the region for an academic year: a title
with the period and the authority, one row per organization, the indicators as columns and a
totals row."""

import datetime
import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from nastavnik.banks.selectors import rules_for
from nastavnik.core.models import AcademicYear
from nastavnik.documents.kinds.orders import MentorshipForm
from nastavnik.monitoring import indicators
from nastavnik.monitoring.indicators import INDICATORS, Figures
from nastavnik.organizations.models import Municipality, Organization, Region


def _value(figures: Figures, key: str) -> Any:
    value = figures[key]
    return "" if value is None else value


def report_xlsx(
    *,
    authority: Municipality | Region,
    year: AcademicYear,
    today: datetime.date,
) -> bytes:
    with translation.override("ru"):
        if isinstance(authority, Region):
            region_id = authority.pk
            organizations = Organization.objects.filter(municipality__region=authority)
        else:
            region_id = authority.region_id
            organizations = Organization.objects.filter(municipality=authority)
        organizations = organizations.select_related("municipality").order_by(
            "municipality__name", "short_name"
        )
        rows = list(organizations)
        figures = indicators.compute(
            [o.pk for o in rows],
            year,
            rules=rules_for(region_id),
            today=today,
            scope=organizations.order_by().values("pk"),
        )
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = _("Monitoring report")[:31]
        forms = list(MentorshipForm)
        headers = (
            [_("Municipality"), _("Organization")]
            + [str(i.label) for i in INDICATORS]
            + [_("Pairs and groups: %(form)s") % {"form": f.label} for f in forms]
        )
        sheet.append(
            [
                _("Report on the target model of mentorship for the academic year %(year)s")
                % {"year": year}
            ]
        )
        sheet.append([str(authority)])
        sheet.append(
            [
                _("Period: %(start)s – %(end)s. Formed on %(today)s.")
                % {
                    "start": year.starts_on.strftime("%d.%m.%Y"),
                    "end": year.ends_on.strftime("%d.%m.%Y"),
                    "today": today.strftime("%d.%m.%Y"),
                }
            ]
        )
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([])
        sheet.append(headers)
        for cell in sheet[5]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for o in rows:
            f = figures[o.pk]
            sheet.append(
                [o.municipality.name, o.short_name]
                + [_value(f, i.key) for i in INDICATORS]
                + [f.by_form.get(form.value, 0) for form in forms]
            )
        totals = indicators.total(figures.values())
        sheet.append(
            ["", _("Total for all organizations")]
            + [_value(totals, i.key) for i in INDICATORS]
            + [totals.by_form.get(form.value, 0) for form in forms]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 28
        sheet.column_dimensions["B"].width = 40
        for i in range(3, len(headers) + 1):
            sheet.column_dimensions[get_column_letter(i)].width = 16
        sheet.freeze_panes = "C6"
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
