"""The itudraft command line: a thin presenter over the pipeline's stages."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import PipelineError

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


class _Group(click.Group):
    """Renders PipelineError once, as ``category: file:line:col: message``."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            if _DEBUG["on"]:
                raise
            click.echo(f"itudraft: {exc}", err=True)
            sys.exit(exc.exit_code)


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
@click.option("--author", default="itudraft", show_default=True, help="Author of every revision.")
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
    from pipeline.ooxml.package import write_atomic
    from pipeline.redline import redline as run_redline

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
    if stats.shapes_in_changes:
        click.echo(f"note: {stats.shapes_in_changes} shape(s) with text boxes are inserted or "
                   "deleted whole; Word accepts and rejects them exactly, LibreOffice leaves "
                   "two zero-width spaces in place of each", err=True)


def _resolve_command(name: str, summary: str) -> None:
    """Register ``accept`` or ``reject``: every revision of SOURCE resolved one way."""

    @main.command(name=name, help=summary)
    @click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
    @click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
                  required=True)
    def command(source: Path, output: Path) -> None:
        from pipeline import redline as stage
        from pipeline.ooxml.package import write_atomic

        write_atomic(output, getattr(stage, name)(source))
        click.echo(f"wrote {output}")


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
    are set.

    \b
    Example:
      itudraft render content/resolutions/res-901.md -o build/res-901.docx
    """
    from pipeline.ooxml.package import write_atomic
    from pipeline.render import render as render_document
    from pipeline.render.resolution import resolution_document
    from pipeline.sources.proposal import assembly_of
    from pipeline.sources.resolution import load_resolution

    res = load_resolution(source)
    assembly = assembly_of(assemblies, res.assembly)
    output = output or Path("build/resolutions/single") / f"{source.stem}.docx"
    write_atomic(output, render_document(resolution_document(
        res, assembly.short if assembly else None), reference_doc))
    click.echo(f"wrote {output}")


@main.command()
@click.option("--proposals", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of contribution files (*.yaml) of one assembly (default: the "
                   "folder in content/proposals/ of the latest assembly).")
@click.option("--resolutions", type=click.Path(path_type=Path, file_okay=False),
              default=Path("content/resolutions"), show_default=True,
              help="Folder of the Resolutions in force (the bases of MOD proposals).")
@click.option("--assemblies", type=click.Path(path_type=Path, file_okay=False),
              default=Path("content/assemblies"), show_default=True,
              help="Folder of assembly files (<id>.yaml).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              default=Path("build/resolutions"), show_default=True)
@click.option("--base-rev", default=None, metavar="REV",
              help="Take each MOD's base from its draft file at this git revision.")
@reference_doc_option
@paginate_option
def resolutions(proposals: Path | None, resolutions: Path, assemblies: Path, out: Path,
                base_rev: str | None, reference_doc: Path | None,
                paginate: bool | None) -> None:
    """Build proposal documents, the compilation and the clean texts.

    \b
    Example:
      itudraft resolutions --proposals content/proposals/wtsa-24 --out build/resolutions
      itudraft resolutions --base-rev v2024-09
    """
    from pipeline.proposals import build_resolutions
    from pipeline.sources.proposal import newest_proposals

    proposals = proposals or newest_proposals(Path("content/proposals"), assemblies)

    def step(label: str) -> None:
        click.echo(f"  {label}", err=True)

    written = build_resolutions(proposals, resolutions, assemblies, out, base_rev,
                                reference_doc, progress=step, paginate_toc=paginate)
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
    import shutil
    import tempfile

    from pipeline.importer import import_docx
    from pipeline.ooxml.package import write_atomic
    from pipeline.sources.resolution import to_source

    warnings: list[str] = []
    media = output.parent / f"{output.stem}-media"
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".itudraft-import-", dir=output.parent) as temp:
        # pictures are extracted aside and moved in only when the import succeeded
        res = import_docx(source, Path(temp) / "media", f"{media.name}/", warnings)
        write_atomic(output, to_source(res).encode("utf-8"))
        if (Path(temp) / "media").is_dir():
            shutil.rmtree(media, ignore_errors=True)
            (Path(temp) / "media").rename(media)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"wrote {output}")


_resolve_command("accept", "Accept every tracked change: the clean text after a MOD is approved.")
_resolve_command("reject", "Reject every tracked change: back to the text in force.")


if __name__ == "__main__":  # pragma: no cover
    main()
