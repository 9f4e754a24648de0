"""The Action Plan as an Excel workbook (openpyxl).

    Summary    status counts per responsible entity, with a native Excel bar chart
    Actions    every action: filters, a frozen header row, a list of the statuses and
               dates checked by data validation, printed one sheet wide
    <entity>   one sheet per responsible entity, the same columns
"""

from __future__ import annotations

import datetime
import io
import re

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.xml.functions import tostring

from pipeline.actionplan.chart import COLOURS
from pipeline.actionplan.items import FIELDS, by_entity, values
from pipeline.ooxml.archive import restamp
from pipeline.sources.actionplan import STATUSES, Action, ActionPlan

WIDTHS = {"id": 9, "resolution": 11, "clause": 26, "text": 60, "responsible": 22,
          "collaborators": 20, "reporting_to": 16, "deadline": 12, "status": 12,
          "updated": 12, "notes": 40}
DATES = ("deadline", "updated")
#: Rows below the data that validation still covers, for actions added in Excel.
SPARE_ROWS = 500
_HEAD = PatternFill("solid", fgColor="E7E6E6")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _sheet_name(entity: str, taken: set[str]) -> str:
    """*entity* as an Excel sheet name: at most 31 characters, none of []:*?/\\ ."""
    base = re.sub(r"[\[\]:*?/\\]", "-", entity)[:31]
    name, n = base, 2
    while name.lower() in taken:
        name = f"{base[:28]} {n}"
        n += 1
    taken.add(name.lower())
    return name


def _actions_sheet(sheet, actions: list[Action]) -> None:
    sheet.append([field.heading for field in FIELDS])
    for action in actions:
        row = values(action)
        sheet.append([_date(row[f.name]) if f.name in DATES else row[f.name] for f in FIELDS])
    last = len(actions) + 1
    for index, field in enumerate(FIELDS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS[field.name]
        sheet.cell(1, index).font = Font(bold=True)
        sheet.cell(1, index).fill = _HEAD
        for row in range(2, last + 1):
            cell = sheet.cell(row, index)
            cell.alignment = _WRAP
            if field.name in DATES:
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(FIELDS))}{last}"
    _validation(sheet, last + SPARE_ROWS)
    _print_wide(sheet)


def _validation(sheet, last: int) -> None:
    column = {field.name: get_column_letter(i) for i, field in enumerate(FIELDS, start=1)}
    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"',
                            allow_blank=False, showErrorMessage=True,
                            errorTitle="Status", error="One of: " + ", ".join(STATUSES))
    status.add(f"{column['status']}2:{column['status']}{last}")
    sheet.add_data_validation(status)
    dates = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                           formula2="DATE(2100,12,31)", allow_blank=True,
                           showErrorMessage=True, errorTitle="Date",
                           error="A date, e.g. 2025-06-30")
    for name in DATES:
        dates.add(f"{column[name]}2:{column[name]}{last}")
    sheet.add_data_validation(dates)


def _summary(sheet, counts: dict[str, dict[str, int]]) -> None:
    sheet.append(["Responsible", *STATUSES, "Total"])
    for entity, by_status in counts.items():
        sheet.append([entity, *[by_status[s] for s in STATUSES], sum(by_status.values())])
    totals = [sum(c[s] for c in counts.values()) for s in STATUSES]
    sheet.append(["All entities", *totals, sum(totals)])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), _HEAD
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 34
    for index in range(2, len(STATUSES) + 3):
        sheet.column_dimensions[get_column_letter(index)].width = 13
    sheet.freeze_panes = "A2"
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.title = "Status of the actions by responsible entity"
    chart.x_axis.title, chart.y_axis.title = "Responsible", "Actions"
    rows = len(counts) + 1
    chart.add_data(Reference(sheet, min_col=2, max_col=1 + len(STATUSES), min_row=1,
                             max_row=rows), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows))
    for series, status in zip(chart.series, STATUSES):
        series.graphicalProperties.solidFill = COLOURS[status]
    chart.height, chart.width = 4 + 0.8 * len(counts), 18
    sheet.add_chart(chart, f"A{len(counts) + 4}")  # under the table: on screen and on paper
    _print_wide(sheet)


def _print_wide(sheet) -> None:
    """Landscape, one page wide, the header row on every page."""
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def workbook_xlsx(plan: ActionPlan) -> bytes:
    """The workbook of *plan*, the same bytes for the same plan."""
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    _summary(summary, by_entity(plan))
    taken = {"summary", "actions"}
    _actions_sheet(book.create_sheet("Actions"), plan.actions)
    for entity in by_entity(plan):
        _actions_sheet(book.create_sheet(_sheet_name(entity, taken)),
                       [a for a in plan.actions if a.responsible == entity])
    book.properties = _properties(plan)
    buffer = io.BytesIO()
    book.save(buffer)  # stamps the properties with the clock: written again below
    core = b"<?xml version='1.0' encoding='UTF-8'?>\n" + tostring(_properties(plan).to_tree())
    return restamp(buffer.getvalue(), {"docProps/core.xml": core})


def _properties(plan: ActionPlan) -> DocumentProperties:
    """The workbook's properties, dated by the plan (never by the clock)."""
    stamp = datetime.datetime.fromisoformat(plan.info.date)
    return DocumentProperties(title=plan.info.title, subject="WTSA Action Plan",
                              creator="itudraft", created=stamp, modified=stamp,
                              lastModifiedBy="itudraft",
                              keywords=f"WTSA Action Plan, {plan.info.version}")
