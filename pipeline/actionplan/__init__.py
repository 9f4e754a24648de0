"""The WTSA Action Plan: a Word report and an Excel workbook from the same items.

    content/action-plan/ (sources.actionplan) + the Resolutions in force
      -> report.py: Section I (entities per Resolution), Section II (progress), the
         status chart (chart.py) -> templates/action-plan/action-plan.docx
      -> workbook.py: Summary with a native chart, Actions, one sheet per entity
      -> build/action-plan/WTSA-Action-Plan.docx and .xlsx

Both documents take their columns and values from items.py, so they cannot differ.
``derive`` (derive.py) keeps the plan in step with the Resolutions.
"""

from __future__ import annotations

from pathlib import Path

from pipeline import data
from pipeline.actionplan.chart import status_chart
from pipeline.actionplan.derive import check, derive
from pipeline.actionplan.items import by_entity
from pipeline.actionplan.report import report_context
from pipeline.ooxml.parts import Properties
from pipeline.sources.actionplan import ActionPlan, load_action_plan
from pipeline.sources.content import Content
from pipeline.sources.proposal import load_in_force
from pipeline.sources.resolution import Resolution, load_conventions
from pipeline.outputs import write_set
from pipeline.templating import render_template

TEMPLATE = data.templates("action-plan") / "action-plan.docx"
NAME = "WTSA-Action-Plan"
#: The width of the status chart in the report, millimetres.
CHART_WIDTH = 165


def in_force(content: Content) -> dict[int | str, Resolution]:
    return load_in_force(content.resolutions, load_conventions(content.resolutions))


def report_docx(plan: ActionPlan, resolutions: dict[int | str, Resolution],
                template: Path = TEMPLATE) -> bytes:
    info = plan.info
    properties = Properties(title=f"{info.title} {info.version}", subject="WTSA Action Plan",
                            keywords=["WTSA", "Action Plan", info.version], creator="itudraft",
                            date=f"{info.date}T00:00:00Z")
    return render_template(template, report_context(plan, resolutions), properties,
                           {"chart": (status_chart(by_entity(plan)), CHART_WIDTH)})


def build_actionplan(content: Content, out: Path, template: Path | None = None,
                     progress=None) -> list[Path]:
    """Everything ``make actionplan`` writes into *out*: the report and the workbook."""
    resolutions = in_force(content)
    plan = load_action_plan(content.action_plan, set(resolutions))
    step = progress or (lambda label: None)
    step(f"{NAME}.docx")
    outputs = {out / f"{NAME}.docx": report_docx(plan, resolutions, template or TEMPLATE)}
    step(f"{NAME}.xlsx")
    outputs[out / f"{NAME}.xlsx"] = workbook_xlsx(plan)
    write_set(out, outputs)
    return list(outputs)


def workbook_xlsx(plan: ActionPlan) -> bytes:
    """The workbook of *plan* (:mod:`pipeline.actionplan.workbook`; openpyxl, and numpy
    under it, are imported only when a workbook is written)."""
    from pipeline.actionplan.workbook import workbook_xlsx as write

    return write(plan)


__all__ = ["build_actionplan", "check", "derive", "in_force", "report_docx", "workbook_xlsx"]
