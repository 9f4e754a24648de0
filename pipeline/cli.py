"""The itudraft command line: a thin presenter over the pipeline's stages."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import PipelineError
from pipeline.process import tune_allocator

_DEBUG = {"on": False}

#: Every building command takes another Word file's styles the same way.
reference_doc_option = click.option(
    "--reference-doc", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="Build with this Word file's styles (default: the house style).")
#: ... and fills the page numbers of its contents the same way.
paginate_option = click.option(
    "--paginate/--no-paginate", default=None,
    help="Fill the contents' page numbers through LibreOffice (default: when soffice is "
         "installed).")


def _terminate(signum, frame):  # pragma: no cover - exercised through a subprocess
    raise KeyboardInterrupt


def proposal_options(command):
    """The sources every proposals command reads: contributions, texts in force, assemblies."""
    for option in reversed([
        click.option("--proposals", type=click.Path(path_type=Path, file_okay=False),
                     default=None, help="Folder of contribution files (*.yaml) of one "
                     "assembly (default: the folder in content/proposals/ of the latest "
                     "assembly)."),
        click.option("--resolutions", type=click.Path(path_type=Path, file_okay=False),
                     default=Path("content/resolutions"), show_default=True,
                     help="Folder of the Resolutions in force (the bases of MOD proposals)."),
        click.option("--assemblies", type=click.Path(path_type=Path, file_okay=False),
                     default=Path("content/assemblies"), show_default=True,
                     help="Folder of assembly files (<id>.yaml).")]):
        command = option(command)
    return command


class _Group(click.Group):
    """Renders PipelineError once, as ``category: file:line:col: message``; an interrupt
    (Ctrl-C or SIGTERM) unwinds like an error, so no half-written file stays; anything
    else is a bug in itudraft, said in one line (the traceback with --debug)."""

    def invoke(self, ctx: click.Context):
        signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            if _DEBUG["on"]:
                raise
            click.echo(f"itudraft: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("itudraft: interrupted: nothing was left half written", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the one place that catches everything
            if _DEBUG["on"]:
                raise
            detail = str(exc).splitlines()[0][:200] if str(exc) else ""
            click.echo(f"itudraft: internal-error: {type(exc).__name__}"
                       f"{': ' + detail if detail else ''} (a bug in itudraft: run again with "
                       "--debug and report the traceback)", err=True)
            sys.exit(3)


def _author(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """An author name Word can store: printable, one line, at most 255 characters."""
    if value is None:
        return value
    if not value.strip() or len(value) > 255 or not value.isprintable():
        raise click.BadParameter("a revision author is a printable name of 1 to 255 "
                                 "characters, on one line", ctx, param)
    return value


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="itudraft")
@click.option("--debug", is_flag=True, help="Show a traceback when something fails.")
def main(debug: bool) -> None:
    """ITU-styled Word documents for WTSA drafting, from Markdown and YAML.

    \b
    Examples:
      itudraft supplement
      itudraft supplement --reference-doc ITU-T-Rec-skeleton.docx
      itudraft styles
    """
    _DEBUG["on"] = debug
    tune_allocator()


@main.command()
@click.option("--source", type=click.Path(path_type=Path, file_okay=False),
              default=Path("content/supplement"), show_default=True,
              help="Folder with supplement.yaml, rules and clauses.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("build/supplement"), show_default=True,
              help="Folder for the .docx (the only .docx left there).")
@reference_doc_option
@paginate_option
def supplement(source: Path, out: Path, reference_doc: Path | None,
               paginate: bool | None) -> None:
    """Build the A-series Supplement "Guidelines for drafting WTSA resolutions".

    \b
    Example:
      itudraft supplement --out build/supplement
    """
    from pipeline.supplement import build_supplement

    target = build_supplement(source, out, reference_doc, paginate)
    click.echo(f"wrote {target}")


@main.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder for the reference .docx files (default: styles/).")
def styles(out: Path | None) -> None:
    """Regenerate the house-style reference .docx files from styles/itu-styles.yaml: the
    house style's (itu-reference.docx) and each variant's (itu-reference-<variant>.docx)."""
    from pipeline.render import housestyle

    for path in housestyle.build_references(out):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The .docx to write, with NEW's styles and OLD's removed text as deletions.")
@click.option("--author", default="itudraft", show_default=True, callback=_author,
              help="Author of every revision.")
@click.option("--date", default=None, help="ISO 8601 date of every revision (default: now).")
@click.option("--accept-existing", is_flag=True,
              help="Accept tracked changes already in OLD or NEW first, instead of refusing.")
def redline(old: Path, new: Path, output: Path, author: str, date: str | None,
            accept_existing: bool) -> None:
    """Write Word tracked changes that turn OLD.docx into NEW.docx.

    \b
    Example:
      itudraft redline res1-in-force.docx res1-revised.docx -o res1-MOD.docx \\
        --author "RG-WTSA" --date 2024-10-15T09:00:00Z
    """
    from pipeline.outputs import refuse_overwrite, write_atomic
    from pipeline.redline import redline as run_redline

    refuse_overwrite(output, old, new)
    result = run_redline(old, new, author, date, accept_existing)
    write_atomic(output, result.data)
    stats = result.stats
    click.echo(f"wrote {output}: {stats.insertions} insertions, {stats.deletions} deletions, "
               f"{stats.format_changes} formatting changes")
    if stats.marks_with_notes or stats.marks_across_tables:
        click.echo(f"note: {stats.marks_with_notes + stats.marks_across_tables} tracked "
                   "paragraph mark(s) sit in a paragraph with a footnote or join across a whole "
                   "inserted or deleted table; Word accepts and rejects them exactly, "
                   "LibreOffice leaves an empty paragraph there", err=True)
    if stats.framed_tables or stats.framed_paragraphs:
        click.echo(f"note: {stats.framed_tables} table(s) of framed paragraphs and "
                   f"{stats.framed_paragraphs} framed paragraph(s) are written as floating "
                   "tables (w:tblpPr), as LibreOffice otherwise loses the revisions after them; "
                   "Accept All and Reject All give the texts with that positioning", err=True)
    if stats.shapes_in_changes:
        click.echo(f"note: {stats.shapes_in_changes} floating shape(s) are inserted or "
                   "deleted whole; Word accepts and rejects them exactly, LibreOffice leaves "
                   "two zero-width spaces in place of each one it removes", err=True)


def _resolve_command(name: str, summary: str) -> None:
    """Register ``accept`` or ``reject``: the revisions of SOURCE resolved one way."""

    @main.command(name=name, help=summary)
    @click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
    @click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
                  required=True)
    @click.option("--author", "authors", multiple=True, callback=_authors,
                  help="Only this author's revisions (repeat for several); a revision "
                       "made alike by several ('APT; CEPT') is each one's.")
    def command(source: Path, output: Path, authors: tuple[str, ...]) -> None:
        from pipeline import redline as stage
        from pipeline.outputs import refuse_overwrite, write_atomic

        refuse_overwrite(output, source)
        write_atomic(output, getattr(stage, name)(source, list(authors) or None))
        click.echo(f"wrote {output}")


def _authors(ctx: click.Context, param: click.Parameter, values):
    return tuple(_author(ctx, param, value) for value in values)


@main.command()
@click.argument("base", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("drafts", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--author", "authors", multiple=True, required=True, callback=_authors,
              help="The author of each draft, in the order of the drafts.")
@click.option("--date", "dates", multiple=True,
              help="ISO 8601 date of each draft's revisions, in the order of the drafts "
                   "(default: now).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True)
@click.option("--accept-existing", is_flag=True,
              help="Accept tracked changes already in the files first, instead of refusing.")
def consolidate(base: Path, drafts: tuple[Path, ...], authors: tuple[str, ...],
                dates: tuple[str, ...], output: Path, accept_existing: bool) -> None:
    """Write one document with every DRAFT's changes to BASE as tracked changes, each
    revision authored by its draft's author; where drafts change the same words
    differently, each proposal is shown with a comment naming who proposes what.

    \b
    Example:
      itudraft consolidate res-901.docx apt.docx cept.docx citel.docx \\
        --author APT --author CEPT --author CITEL -o res-901-consolidated.docx
    """
    from pipeline.errors import Category, PipelineError
    from pipeline.outputs import refuse_overwrite, write_atomic
    from pipeline.redline import consolidate as run_consolidate

    if len(authors) != len(drafts):
        raise PipelineError(Category.USAGE, f"{len(drafts)} draft(s) and {len(authors)} "
                            "--author: give one --author per draft, in the same order")
    if dates and len(dates) != len(drafts):
        raise PipelineError(Category.USAGE, f"{len(drafts)} draft(s) and {len(dates)} --date: "
                            "give one --date per draft, or none")
    refuse_overwrite(output, base, *drafts)
    result = run_consolidate(base, [(draft, author, dates[k] if dates else None)
                                    for k, (draft, author) in enumerate(zip(drafts, authors))],
                             accept_existing)
    write_atomic(output, result.data)
    counts = ", ".join(f"{author} {count}" for author, count in result.revisions.items())
    click.echo(f"wrote {output}: revisions {counts}; {result.shared} made alike by several; "
               f"{len(result.conflicts)} conflict(s)")
    for conflict in result.conflicts:
        said = "; ".join(f"{who}: {text}" for who, text in conflict.proposals)
        click.echo(f"  {conflict.kind} conflict" + (f" on '{conflict.base}'" if conflict.base
                                                    else "") + f": {said}", err=True)


@main.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The .docx to write (default: build/resolutions/single/<name>.docx).")
@click.option("--assemblies", type=click.Path(path_type=Path, file_okay=False),
              default=Path("content/assemblies"), show_default=True,
              help="Folder of assembly files: the footer names the assembly of the edition.")
@reference_doc_option
def render(source: Path, output: Path | None, assemblies: Path,
           reference_doc: Path | None) -> None:
    """Render one Resolution source (Markdown with front matter) as published Resolutions
    are set, in the language it is written in (res-901.fr.md: French).

    \b
    Example:
      itudraft render content/resolutions/res-901.md -o build/res-901.docx
      itudraft render content/resolutions/res-901.ar.md -o build/res-901-A.docx
    """
    from pipeline.outputs import refuse_overwrite, write_atomic
    from pipeline.render import render as render_document
    from pipeline.render.resolution import resolution_document
    from pipeline.sources.languages import load_text
    from pipeline.sources.proposal import assembly_of

    res = load_text(source)  # res-901.fr.md: in French, held to res-901.md
    assembly = assembly_of(assemblies, res.assembly)
    output = output or Path("build/resolutions/single") / f"{source.stem}.docx"
    refuse_overwrite(output, source)
    write_atomic(output, render_document(resolution_document(
        res, assembly.short if assembly else None), reference_doc))
    click.echo(f"wrote {output}")


@main.command()
@proposal_options
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("build/resolutions"), show_default=True)
@click.option("--base-rev", default=None, metavar="REV",
              help="Take each MOD's base from its draft file at this git revision.")
@reference_doc_option
@paginate_option
@click.option("--lang", "langs", multiple=True, default=("en",), show_default=True,
              metavar="CODE", help="Languages to build: en, fr, es, ru, ar, zh, or all "
              "(repeatable). Other languages go into OUT/<code>/.")
def resolutions(proposals: Path | None, resolutions: Path, assemblies: Path, out: Path,
                base_rev: str | None, reference_doc: Path | None,
                paginate: bool | None, langs: tuple[str, ...]) -> None:
    """Build proposal documents, the compilation and the clean texts, in English and
    in the other languages asked for (the texts that exist in them: res-901.fr.md).

    \b
    Example:
      itudraft resolutions --proposals content/proposals/wtsa-24 --out build/resolutions
      itudraft resolutions --base-rev v2024-09
      itudraft resolutions --lang fr --lang es
      itudraft resolutions --lang all
    """
    from pipeline.proposals import build_resolutions
    from pipeline.sources.proposal import newest_proposals
    from pipeline.translations import build_languages, languages_asked

    proposals = proposals or newest_proposals(Path("content/proposals"), assemblies)
    codes = [code.strip() for value in langs for code in value.split(",") if code.strip()]
    others = languages_asked(codes)  # an unknown code stops here, before any work

    def step(label: str) -> None:
        click.echo(f"  {label}", err=True)

    if "en" in codes or "all" in codes:
        written = build_resolutions(proposals, resolutions, assemblies, out, base_rev,
                                    reference_doc, progress=step, paginate_toc=paginate)
        click.echo(f"wrote {len(written)} files in {out}")
    if others:
        if base_rev:
            raise click.UsageError("--base-rev applies to English texts only; build other "
                                   "languages without it")
        for build in build_languages(proposals, resolutions, assemblies, out,
                                     [lang.code for lang in others], reference_doc, step):
            folder = out / build.language.code
            click.echo(f"wrote {len(build.written)} files in {folder} ({build.language.name})")
            for line in build.missing:
                click.echo(f"  not in {build.language.name}: {line}", err=True)


@main.command()
@proposal_options
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("build/consolidated"), show_default=True)
@reference_doc_option
def consolidated(proposals: Path | None, resolutions: Path, assemblies: Path, out: Path,
                 reference_doc: Path | None) -> None:
    """One consolidated draft per Resolution that sources modify: the text in force with
    every source's changes as tracked changes by that source, and conflicts.md.

    \b
    Example:
      itudraft consolidated --out build/consolidated
    """
    from pipeline.consolidated import build_consolidated
    from pipeline.sources.proposal import newest_proposals

    proposals = proposals or newest_proposals(Path("content/proposals"), assemblies)
    written = build_consolidated(proposals, resolutions, assemblies, out, reference_doc,
                                 progress=lambda label: click.echo(f"  {label}", err=True))
    click.echo(f"wrote {len(written)} files in {out}")


@main.command(name="import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The Markdown source to write, e.g. content/resolutions/res-1.md.")
def import_(source: Path, output: Path) -> None:
    """Turn an ITU Resolution Word file into the Resolution source format.

    Pictures go to a folder beside the output (<name>-media/).

    \b
    Example:
      itudraft import T-RES-T.1-2016.docx -o content/resolutions/res-1.md
    """
    import tempfile

    from pipeline.importer import import_docx
    from pipeline.outputs import MANIFEST, refuse_overwrite, write_atomic, write_set
    from pipeline.sources.resolution import to_source

    refuse_overwrite(output, source)
    warnings: list[str] = []
    media = output.parent / f"{output.stem}-media"
    with tempfile.TemporaryDirectory(prefix="itudraft-import-") as temp:
        # pictures are extracted aside and written in only when the import succeeded
        extracted = Path(temp) / "media"
        res = import_docx(source, extracted, f"{media.name}/", warnings)
        pictures = {media / path.name: path.read_bytes()
                    for path in sorted(extracted.iterdir())} if extracted.is_dir() else {}
    if pictures or (media / MANIFEST).is_file():
        # the media folder holds what imports wrote; a picture of a person's is never replaced
        write_set(media, pictures, claimed_only=True)
    write_atomic(output, to_source(res).encode("utf-8"))
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {output}")


#: The assembly's working data (meetings, positions, Action Plan, focal points...).
content_option = click.option(
    "--content", type=click.Path(path_type=Path, file_okay=False), default=Path("content"),
    show_default=True, help="The content folder (meetings/, proposals/, resolutions/, "
    "assemblies/, positions/, action-plan/, focal-points.yaml).")
template_option = click.option(
    "--template", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="Fill this Word template instead of the one in templates/.")


def _step(label: str) -> None:
    click.echo(f"  {label}", err=True)


@main.command()
@content_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("build/briefings"), show_default=True)
@template_option
def briefings(content: Path, out: Path, template: Path | None) -> None:
    """Build a chair's briefing note for every session in content/meetings/.

    \b
    Example:
      itudraft briefings --out build/briefings
    """
    from pipeline.briefings import build_briefings
    from pipeline.consolidated import conflicts_by_resolution
    from pipeline.sources.content import Content
    from pipeline.sources.proposal import newest_proposals

    source = Content(content)
    # the conflicts the consolidated drafts of the latest assembly find, for the
    # convergence lines ("2 conflicts: after considering c), resolves 2")
    latest = newest_proposals(content / "proposals", source.assemblies)
    conflicts = conflicts_by_resolution(source.proposals(latest.name))
    written = build_briefings(source, out, template, conflicts=conflicts, progress=_step)
    click.echo(f"wrote {len(written)} briefing notes in {out}")


@main.group(invoke_without_command=True)
@click.pass_context
def actionplan(ctx: click.Context) -> None:
    """The WTSA Action Plan: build the report and workbook (the default), or derive the
    actions from the Resolutions.

    \b
    Examples:
      itudraft actionplan                  # = itudraft actionplan build
      itudraft actionplan derive           # create or update content/action-plan/res-*.yaml
      itudraft actionplan derive --check   # list what is out of step, change nothing
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(actionplan_build)


@actionplan.command(name="build")
@content_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("build/action-plan"), show_default=True)
@template_option
def actionplan_build(content: Path = Path("content"), out: Path = Path("build/action-plan"),
                     template: Path | None = None) -> None:
    """Write WTSA-Action-Plan.docx and WTSA-Action-Plan.xlsx from the same items."""
    from pipeline.actionplan import build_actionplan
    from pipeline.sources.content import Content

    written = build_actionplan(Content(content), out, template, progress=_step)
    click.echo(f"wrote {len(written)} files in {out}")


@actionplan.command(name="derive")
@content_option
@click.option("--check", "check_only", is_flag=True,
              help="Change nothing: list operative items without an action and actions "
                   "whose clause no longer exists (exit 1 when there are any).")
def actionplan_derive(content: Path, check_only: bool) -> None:
    """Create or update the actions from the operative clauses of the Resolutions in
    force, keeping ids and every field a person keeps (status, deadline, notes...)."""
    from pipeline.actionplan import check, derive, in_force
    from pipeline.sources.content import Content

    source = Content(content)
    if check_only:
        findings = check(source.action_plan, in_force(source))
        for where, message in findings:
            click.echo(f"{where}: {message}")
        if findings:
            click.echo(f"{len(findings)} finding(s): run `itudraft actionplan derive` to add "
                       "the missing actions; close or remove the orphaned ones by hand", err=True)
            sys.exit(1)
        click.echo("the Action Plan matches the Resolutions in force")
        return
    report = derive(source.action_plan, in_force(source))
    for path in report.written:
        click.echo(f"wrote {path}")
    click.echo(f"{len(report.created)} created, {len(report.updated)} updated"
               + (f", {len(report.kept)} kept as edited by hand ({', '.join(report.kept)})"
                  if report.kept else ""))


@main.command()
@content_option
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("build/focal-points.docx"), show_default=True)
@template_option
def focalpoints(content: Path, out: Path, template: Path | None) -> None:
    """Write the list of regional focal points, a table per Resolution."""
    from pipeline.focalpoints import build_focal_points
    from pipeline.sources.content import Content

    click.echo(f"wrote {build_focal_points(Content(content), out, template)}")


@main.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder to write into (default: the repository's templates/).")
def templates(out: Path | None) -> None:
    """Regenerate the Word templates of the briefing notes, the Action Plan and the focal
    points from the house style (this replaces edits made to them in Word)."""
    from pipeline.wordtemplates import build_templates

    for path in build_templates(out):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@content_option
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif"]),
              default="text", show_default=True, help="How findings are written.")
@click.option("--select", multiple=True, metavar="RULE",
              help="Only these rules: ids (R-14), check names or groups (punctuation). "
                   "Repeat or separate with commas.")
@click.option("--ignore", multiple=True, metavar="RULE", help="Leave these rules out (as --select).")
@click.option("--fix", is_flag=True, help="Apply the mechanical fixes to the source files.")
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a diff; write nothing.")
@click.option("--overlaps", is_flag=True,
              help="Also rank Resolutions and passages by similarity (merge candidates).")
@click.option("--streamlining", type=click.Path(path_type=Path, file_okay=False), default=None,
              metavar="DIR", help="Write the streamlining report (streamlining.md and .docx) "
              "into DIR; implies --overlaps.")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("pyproject.toml"), show_default=True,
              help="Where [tool.itudraft.check] is read from (when the file exists).")
def check(paths: tuple[Path, ...], content: Path, output_format: str, select: tuple[str, ...],
          ignore: tuple[str, ...], fix: bool, show_diff: bool, overlaps: bool,
          streamlining: Path | None, config: Path) -> None:
    """Check Resolutions, contributions (with their drafts) and Word files against the
    Supplement's drafting rules. PATHS: files or folders (default: the content folder's
    resolutions/, proposals/ and the Supplement's model Resolution).

    \b
    Each finding is one line:  file:line:col: R-NN message [suggestion]
    Exit status: 0 clean (warnings allowed), 1 error-level findings, 2 bad input.

    \b
    Examples:
      itudraft check
      itudraft check content/resolutions/res-901.md --select punctuation
      itudraft check --diff          (what --fix would change)
      itudraft check --format sarif > check.sarif
      itudraft check --overlaps --streamlining build/reports
    """
    from pipeline.check import default_rules, load_config, rules_by_slug, run
    from pipeline.check import output as out

    def split(values):
        return [v.strip() for value in values for v in value.split(",") if v.strip()]

    try:  # reference data that cannot be read is bad input here (exit 2), as a source is
        settings = load_config(config, split(select), split(ignore))
        report = run(list(paths), content=content, config=settings)
    except PipelineError as error:
        click.echo(f"itudraft: {error}", err=True)
        sys.exit(2)
    if fix or show_diff:
        changes = out.fixed_texts(report.findings)
        if show_diff:
            click.echo(out.diff(changes), nl=False)
            return
        out.write_fixes(changes)
        for path in changes:
            click.echo(f"fixed {path}", err=True)
        try:
            report = run(list(paths), content=content, config=settings)
        except PipelineError as error:
            click.echo(f"itudraft: {error}", err=True)
            sys.exit(2)
    if output_format == "json":
        click.echo(out.as_json(report.findings), nl=False)
    elif output_format == "sarif":
        rules = rules_by_slug(default_rules(content))
        click.echo(out.sarif(report.findings, rules, __version__), nl=False)
    else:
        click.echo(out.text(report.findings), nl=False)
    if overlaps or streamlining:
        from pipeline.check.overlaps import find_overlaps, overlaps_markdown

        found = report.overlaps or find_overlaps(
            report.resolutions, pair_threshold=settings.overlap_pair_threshold,
            passage_threshold=settings.overlap_passage_threshold)
        if output_format == "text":
            click.echo(overlaps_markdown(found), nl=False)
        if streamlining:
            from pipeline.check.streamlining import (action_completion, streamlining_markdown,
                                                     write_streamlining)

            markdown = streamlining_markdown(report.resolutions, report.findings, found,
                                             action_completion(content))
            for path in write_streamlining(markdown, streamlining):
                click.echo(f"wrote {path}", err=True)
    for problem in report.problems:
        click.echo(f"itudraft: {problem}", err=True)
    for path in report.skipped:
        click.echo(f"({path} not checked: it needs a Resolution in force that could not be "
                   "read)", err=True)
    fixable = sum(f.fix is not None for f in report.findings)
    click.echo(f"{report.errors} error(s), {report.warnings} warning(s) in {report.files} "
               f"file(s)" + (f"; {fixable} fixable with --fix" if fixable else ""), err=True)
    sys.exit(report.exit_code)


@main.command(name="all")
@content_option
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("build"),
              show_default=True, help="The build folder.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Documents built at once (default: one per core).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first document that fails.")
@click.option("--quiet", "-q", is_flag=True, help="Say only what failed, and the summary.")
@reference_doc_option
@paginate_option
def all_(content: Path, out: Path, jobs: int | None, fail_fast: bool, quiet: bool,
         reference_doc: Path | None, paginate: bool | None) -> None:
    """Build every output of the content folder: the Supplement, the proposals, the
    compilation and clean texts, the consolidated drafts, the briefing notes, the Action
    Plan, the focal points and the streamlining report. Only documents whose inputs
    changed are rebuilt (build/.itudraft-build.json holds what each was made from); the
    others are built on all cores. A document that fails is reported and the others are
    still built (exit 1 at the end).

    \b
    Examples:
      itudraft all
      itudraft all --no-paginate -j 1
    """
    from pipeline.build import Settings, build_all
    from pipeline.build.progress import Display

    settings = Settings(content=content, reference=reference_doc, paginate=paginate)
    with Display(quiet=quiet) as display:
        outcome = build_all(settings, out, jobs=jobs, fail_fast=fail_fast,
                            report=display.report, planned=display.planned)
    summary = (f"{len(outcome.built)} built, {len(outcome.fresh)} up to date, "
               f"{len(outcome.failed)} failed" +
               (f", {len(outcome.removed)} removed" if outcome.removed else "") + f" in {out}")
    click.echo(summary, err=True)
    for key, message in outcome.failed:
        click.echo(f"itudraft: {message if message.startswith(key) else f'{key}: {message}'}",
                   err=True)
    sys.exit(outcome.exit_code)


_resolve_command("accept", "Accept every tracked change: the clean text after a MOD is approved.")
_resolve_command("reject", "Reject every tracked change: back to the text in force.")


if __name__ == "__main__":  # pragma: no cover
    main()
