"""The body of each template: what a reader sees, in the house styles, with the data's
places. Each layout takes ``sections(landscape=False)``, which makes a section's
properties, and returns the body's elements, the final section's properties last."""

from __future__ import annotations

from pipeline.ooxml.build import Element
from pipeline.wordtemplates.blocks import (Column, key_table, loop_table, matrix_table, para,
                                           section_end, tag)

PORTRAIT = 9639   # text width between the margins, twips
LANDSCAPE = 14004


def _example_note() -> list[Element]:
    return [tag("if note"), para("Note", "{{ note }}"), tag("endif")]


def briefing_note(sections) -> list[Element]:
    """Cover and agenda; one page per agenda item; the annex on chairing."""
    return [*_cover(), *_item(), *_annex(), sections()]


def _cover() -> list[Element]:
    facts = [("Assembly", "{{ meeting.assembly }}"), ("Body", "{{ meeting.body }}"),
             ("Session", "{{ meeting.session }}"), ("Date", "{{ meeting.date }}"),
             ("Time", "{{ meeting.time }}"), ("Room", "{{ meeting.room }}"),
             ("Chair", "{{ meeting.chair }}"), ("Vice-chairs", "{{ meeting.vice_chairs }}"),
             ("Secretary", "{{ meeting.secretary }}")]
    agenda = [Column("No.", 600, "{{ row.number }}"), Column("Time", 1500, "{{ row.time }}"),
              Column("Item", 3700, "{{ row.title }}"),
              Column("Documents", 2239, "{{ row.documents }}"),
              Column("Resolutions", 1600, "{{ row.resolutions }}")]
    return [para("Source", "Chair's briefing note"),
            para("Title1", "{{ meeting.title }}"),
            para("Title3", "{{ meeting.place }}"),
            *_example_note(),
            key_table(facts, (2000, PORTRAIT - 2000)),
            para("Headingb", "Terms of reference"),
            para("Normal", "{{ meeting.terms_of_reference }}"),
            para("Headingb", "Agenda"),
            loop_table(agenda, "row in agenda")]


def _item() -> list[Element]:
    glance = [("Time", "{{ item.time }} ({{ item.minutes }} minutes)"),
              ("Documents", "{{ item.document_list }}"),
              ("Sources", ["{%p for line in item.glance %}", "{{ line }}", "{%p endfor %}"]),
              ("Outcome", "{{ item.outcome }}")]
    documents = [Column("Document", 1300, "{{ doc.number }}"),
                 Column("Source", 1500, "{{ doc.source }}"),
                 Column("Title", 3600, "{{ doc.title }}"),
                 Column("Proposals", PORTRAIT - 6400,
                        ["{%p for line in doc.proposals %}", "{{ line }}", "{%p endfor %}"])]
    return [tag("for item in items"),
            para("Heading1", "{{ item.number }}\t{{ item.title }}", new_page=True),
            key_table(glance, (1600, PORTRAIT - 1600)),
            para("Headingb", "Documents"),
            loop_table(documents, "doc in item.documents"),
            tag("if item.matrix.rows"),
            para("Headingb", "Proposals by Resolution and source"),
            matrix_table(Column("Resolution", 1500, "{{ row.resolution }}"),
                         "item.matrix.sources", "row.cells", "item.matrix.rows", 1250,
                         PORTRAIT),
            tag("endif"),
            *_resolution(),
            para("Headingb", "Suggested handling"),
            para("Normal", "{{ item.handling }}"),
            para("Headingb", "Chair's lines"),
            tag("for line in item.lines"),
            para("enumlev1", "\u2013\t{{ line }}"),
            tag("endfor"),
            tag("endfor")]


def _resolution() -> list[Element]:
    positions = [Column("Source", 1500, "{{ p.source }}"), Column("Stance", 1500, "{{ p.stance }}"),
                 Column("Updated", 1300, "{{ p.updated }}"),
                 Column("Note", PORTRAIT - 4300, "{{ p.note }}")]
    actions = [Column("Action", 1000, "{{ a.id }}"), Column("Clause", 2600, "{{ a.clause }}"),
               Column("Responsible", 2400, "{{ a.responsible }}"),
               Column("Status", 1500, "{{ a.status }}"),
               Column("Last update", PORTRAIT - 7500, "{{ a.updated }}")]
    focal = [Column("Region", 1200, "{{ f.region }}"), Column("Name", 2600, "{{ f.name }}"),
             Column("Administration", 2400, "{{ f.administration }}"),
             Column("E-mail", PORTRAIT - 6200, "{{ f.email }}")]
    return [tag("for res in item.resolutions"),
            para("Heading2", "{{ res.heading }}"),
            para("Normal", "{{ res.in_force }}"),
            para("Headingi", "Where the sources stand"),
            para("Normal", "{{ res.convergence }}"),
            para("Headingi", "Positions"),
            tag("if res.positions"), loop_table(positions, "p in res.positions"),
            tag("else"), para("Normal", "No position recorded."), tag("endif"),
            para("Headingi", "Action Plan"),
            para("Normal", "{{ res.actions_summary }}"),
            tag("if res.actions"), loop_table(actions, "a in res.actions"), tag("endif"),
            para("Headingi", "Focal points"),
            tag("if res.focal_points"), loop_table(focal, "f in res.focal_points"),
            tag("else"), para("Normal", "No focal point designated."), tag("endif"),
            tag("endfor")]


def _annex() -> list[Element]:
    return [para("AnnexNo", "Annex", new_page=True),
            para("Annextitle", "{{ annex.title }}"),
            tag("for block in annex.blocks"),
            tag("if block.kind == 'heading'"), para("Heading2", "{{ block.text }}"),
            tag("elif block.kind == 'item'"), para("enumlev1", "\u2013\t{{ block.text }}"),
            tag("else"), para("Normal", "{{ block.text }}"),
            tag("endif"),
            tag("endfor")]


def action_plan(sections) -> list[Element]:
    """Section I (portrait): the entities per Resolution; Section II (landscape): the
    status chart and the progress of every action, by Resolution."""
    entities = [Column("Resolution", 2700, ["{{ r.label }}", "{{ r.title }}"]),
                Column("Instructed, invited or requested", 2600, "{{ r.responsible }}"),
                Column("Cooperating", 2200, "{{ r.collaborators }}"),
                Column("Reporting to", PORTRAIT - 7500, "{{ r.reporting_to }}")]
    widths = {"Action": 800, "Clause": 1500, "Action text": 2600, "Responsible": 1250,
              "Cooperating": 1300, "Reporting to": 1000, "Deadline": 1100, "Status": 1100,
              "Last update": 1100}
    fields = ["id", "clause", "text", "responsible", "collaborators", "reporting_to",
              "deadline", "status", "updated"]
    progress = [Column(heading, width, "{{ a.%s }}" % name)
                for (heading, width), name in zip(widths.items(), fields)]
    progress.append(Column("Notes", LANDSCAPE - sum(widths.values()), "{{ a.notes }}"))
    return [para("Source", "{{ plan.title }}"),
            para("Title3", "{{ plan.version }} ({{ plan.date }})"),
            *_example_note(),
            para("Normal", "{{ plan.introduction }}"),
            para("Heading1", "I\tResolutions and the entities concerned"),
            loop_table(entities, "r in section1"),
            section_end(sections()),
            para("Heading1", "II\tProgress by Resolution"),
            para("Normal", "{{ summary }}"),
            para("Figure", "{{ chart }}"),
            para("FigureNoTitle", "Figure 1 \u2013 Status of the actions by responsible entity"),
            tag("for r in section2"),
            para("Heading2", "{{ r.heading }}"),
            para("Normal", "{{ r.summary }}", keep_next=True),
            loop_table(progress, "a in r.actions", size=9),
            tag("endfor"),
            sections(landscape=True)]


def focal_points(sections) -> list[Element]:
    """One table per Resolution, a row per region."""
    columns = [Column("Region", 1400, "{{ f.region }}"), Column("Name", 2600, "{{ f.name }}"),
               Column("Administration", 2400, "{{ f.administration }}"),
               Column("E-mail", PORTRAIT - 6400, "{{ f.email }}")]
    return [para("Source", "Regional focal points"),
            para("Title3", "{{ assembly }}"),
            *_example_note(),
            para("Normal", "{{ introduction }}"),
            tag("for r in resolutions"),
            para("Heading2", "{{ r.heading }}"),
            loop_table(columns, "f in r.focal_points"),
            tag("endfor"),
            sections()]
