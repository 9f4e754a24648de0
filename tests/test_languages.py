"""The six languages: texts in force and proposals in Arabic, Chinese, French, Russian and
Spanish beside English, held to the English structure, set as each script needs (what a
reader checks by opening the file in Word), and marked word by word in each script."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.redline.align import tokens
from pipeline.redline.words import diff_words
from pipeline.sources.languages import load_languages, load_translation
from pipeline.sources.resolution import load_conventions, load_resolution
from pipeline.translations import build_languages
from tests import office
from tests.conftest import CONTENT, PROPOSALS
from tests.wordfile import SOFFICE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
RESOLUTIONS = CONTENT / "resolutions"
OTHERS = ["fr", "es", "ru", "ar", "zh"]


def _q(tag: str) -> str:
    return f"{{{W}}}{tag.split(':')[1]}"


@pytest.fixture(scope="module")
def languages_built(tmp_path_factory) -> Path:
    """build/resolutions/<code>/ for every language but English, from the examples."""
    out = tmp_path_factory.mktemp("languages")
    build_languages(PROPOSALS, RESOLUTIONS, CONTENT / "assemblies", out, ["all"])
    return out


def _xml(docx: Path, name: str) -> etree._Element:
    import zipfile
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


# --- sources ------------------------------------------------------------------------------

@pytest.mark.parametrize("code", OTHERS)
def test_resolution_901_exists_in_every_language_with_the_english_structure(code):
    english = load_resolution(RESOLUTIONS / "res-901.md")
    translated = load_translation(english, code, RESOLUTIONS)
    assert translated is not None, f"no res-901.{code}.md"
    assert translated.language == code and translated.number == 901
    assert [b.marker for b in translated.blocks] == [b.marker for b in english.blocks]
    calls = load_conventions(RESOLUTIONS, code).english
    assert [calls.get(b.text) for b in translated.blocks if b.kind.value == "call"] == \
        [b.text for b in english.blocks if b.kind.value == "call"]


def test_an_item_missing_from_a_translation_names_both_files(tmp_path):
    folder = tmp_path / "resolutions"
    shutil.copytree(RESOLUTIONS, folder)
    french = folder / "res-901.fr.md"
    text = french.read_text(encoding="utf-8")
    item = next(line for line in text.split("\n") if line.startswith("b)bis "))
    french.write_text(text.replace(item + "\n\n", ""), encoding="utf-8")
    english = load_resolution(folder / "res-901.md")
    with pytest.raises(PipelineError) as caught:
        load_translation(english, "fr", folder)
    message = str(caught.value)
    assert "res-901.fr.md" in message and "res-901.md" in message
    assert "b)bis" in message


def test_a_translated_call_must_translate_an_english_call(tmp_path):
    folder = tmp_path / "resolutions"
    shutil.copytree(RESOLUTIONS, folder)
    conventions = folder / "conventions.es.yaml"
    text = conventions.read_text(encoding="utf-8")
    conventions.write_text(text.replace("\n  considering:", "\n  considring:", 1), encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        load_conventions(folder, "es")
    assert "considring" in caught.value.message
    assert caught.value.location.path.endswith("conventions.es.yaml")
    assert caught.value.location.line is not None


@pytest.mark.parametrize("old, new, says", [
    ('  history: "（{editions}）"', '  history: "（{edition}）"', "{edition} is not a name"),
    ('  conflict_on: "关于“{base}”的冲突。{proposals}"', '  conflict_on: "关于“{base”的冲突。"',
     "a lone '{'"),
    ("  kinds: {text: 文字,", "  kinds: 文字\n  unused: {text: 文字,", "kinds"),
    ("    author: 合并", "    autor: 合并", "not one of"),
])
def test_a_translated_template_that_cannot_be_filled_is_the_files_error(tmp_path, old, new,
                                                                         says):
    """A language's words that are templates name only what the English ones name, and
    a mapping stands where the English has one: the error names the file, the line and
    the field, not a crash of the build."""
    folder = tmp_path / "resolutions"
    shutil.copytree(RESOLUTIONS, folder)
    conventions = folder / "conventions.zh.yaml"
    text = conventions.read_text(encoding="utf-8")
    assert old in text
    conventions.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PipelineError) as caught:
        load_conventions(folder, "zh")
    assert says in caught.value.message, caught.value.message
    assert caught.value.location.path.endswith("conventions.zh.yaml")
    assert caught.value.location.line is not None


def test_a_language_that_leaves_a_conflict_kind_untranslated_keeps_its_english_word(tmp_path):
    folder = tmp_path / "resolutions"
    shutil.copytree(RESOLUTIONS, folder)
    conventions = folder / "conventions.fr.yaml"
    text = conventions.read_text(encoding="utf-8")
    start = text.index("  kinds: {")
    end = text.index("\n", start)
    conventions.write_text(text[:start] + "  kinds: {text: texte}" + text[end:], encoding="utf-8")
    kinds = load_conventions(folder, "fr").consolidated["kinds"]
    assert kinds["text"] == "texte" and kinds["insertion"] == "insertion"


def test_translations_are_not_texts_in_force_of_their_own(proposal_set):
    paths = {res.path.name for res in proposal_set.in_force.values()}
    assert "res-901.md" in paths
    assert not [name for name in paths if re.search(r"\.[a-z]{2}\.md$", name)]


# --- documents ----------------------------------------------------------------------------

def test_each_language_gets_its_resolution_and_the_proposal_in_six_languages(languages_built):
    suffixes = {code: lang.suffix for code, lang in load_languages().items()}
    for code in OTHERS:
        folder = languages_built / code
        assert (folder / f"resolution-901-{suffixes[code]}.docx").is_file()
        assert (folder / f"ecp-39a1-{suffixes[code]}.docx").is_file(), code
    # the contribution submitted in Spanish exists in Spanish
    assert (languages_built / "es" / "iap-44a1-S.docx").is_file()


def test_the_spanish_cover_is_in_spanish(languages_built):
    from tests.wordfile import texts
    words = " ".join(texts(languages_built / "es" / "iap-44a1-S.docx"))
    spanish = load_conventions(RESOLUTIONS, "es").cover
    assert spanish["union"] in words
    assert spanish["addendum"].format(addendum=1, document=44, suffix="S") in words
    assert "septiembre de 2024" in words  # the date as Babel writes it in Spanish
    assert "International Telecommunication Union" not in words


def test_every_arabic_run_is_right_to_left_with_complex_script_properties(languages_built):
    for docx in sorted((languages_built / "ar").rglob("*.docx")):
        for name in ("word/document.xml", "word/footnotes.xml"):
            root = _xml(docx, name)
            runs = root.findall(".//w:r", NS)
            assert runs
            for run in runs:
                rpr = run.find("w:rPr", NS)
                assert rpr is not None and rpr.find("w:rtl", NS) is not None, \
                    f"{docx.name}: a run without w:rtl: {etree.tostring(run)[:200]!r}"
                if rpr.find("w:b", NS) is not None:
                    assert rpr.find("w:bCs", NS) is not None, f"{docx.name}: w:b without w:bCs"
                if rpr.find("w:i", NS) is not None:
                    assert rpr.find("w:iCs", NS) is not None, f"{docx.name}: w:i without w:iCs"
            for p in root.iter(_q("w:p")):
                assert p.find("w:pPr/w:bidi", NS) is not None, f"{docx.name}: a paragraph not RTL"
            for tblpr in root.iter(_q("w:tblPr")):
                assert tblpr.find("w:bidiVisual", NS) is not None
        styles = _xml(docx, "word/styles.xml")
        defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        assert defaults.find("w:rFonts", NS).get(_q("w:cs")) == "Traditional Arabic"
        assert defaults.find("w:lang", NS).get(_q("w:bidi")) == "ar-EG"
        for style in styles.findall("w:style", NS):
            rpr = style.find("w:rPr", NS)
            size = rpr.find("w:sz", NS) if rpr is not None else None
            if size is not None:  # complex script 1.25 times the Latin size, as ITU's Arabic
                assert int(rpr.find("w:szCs", NS).get(_q("w:val"))) == \
                    round(int(size.get(_q("w:val"))) * 1.25)


def test_every_chinese_run_has_an_east_asian_font_and_no_italics(languages_built):
    for docx in sorted((languages_built / "zh").rglob("*.docx")):
        styles = _xml(docx, "word/styles.xml")
        defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        assert defaults.find("w:rFonts", NS).get(_q("w:eastAsia")) == "SimSun"
        assert defaults.find("w:lang", NS).get(_q("w:eastAsia")) == "zh-CN"
        fonts = {}
        for style in styles.findall("w:style", NS):
            found = style.find("w:rPr/w:rFonts", NS)
            fonts[style.get(_q("w:styleId"))] = found
            assert style.find("w:rPr/w:i", NS) is None, "a style in italics"
            if found is not None:
                assert found.get(_q("w:eastAsiaTheme")) is None
        call = next(s for s in styles.findall("w:style", NS) if s.get(_q("w:styleId")) == "Call")
        assert call.find("w:rPr/w:b", NS) is not None, "the calls lost their emphasis"
        for name in ("word/document.xml", "word/footnotes.xml"):
            for run in _xml(docx, name).iter(_q("w:r")):
                own = run.find("w:rPr/w:rFonts", NS)
                if own is not None and (own.get(_q("w:ascii")) or own.get(_q("w:eastAsia"))):
                    assert own.get(_q("w:eastAsia")) == "SimSun", etree.tostring(run)[:200]
                assert run.find("w:rPr/w:i", NS) is None, "a run in italics"


@pytest.mark.parametrize("code", ["fr", "es", "ru"])
def test_latin_and_cyrillic_documents_carry_their_language_for_spelling(languages_built, code):
    tag = load_languages()[code].tag
    for docx in sorted((languages_built / code).rglob("*.docx")):
        defaults = _xml(docx, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        assert defaults.find("w:lang", NS).get(_q("w:val")) == tag


def test_arabic_item_letters_are_arabic(languages_built):
    from tests.wordfile import texts
    lines = texts(languages_built / "ar" / "resolution-901-A.docx")
    letters = load_conventions(RESOLUTIONS, "ar").words.letters
    assert any(line.startswith(f"{letters[0]})") for line in lines)
    assert not any(re.match(r"^[a-z]\)", line) for line in lines)


def test_arabic_texts_cite_items_by_their_arabic_letters(languages_built):
    """A cross-reference reads as the item it cites is labelled: *considering b)bis*
    is "ب) مكرراً" in an Arabic text, not the English marker."""
    from tests.wordfile import texts
    for docx in sorted((languages_built / "ar").rglob("*.docx")):
        words = " ".join(texts(docx))
        assert not re.search(r"\b[a-z]\)(bis|ter)?(?![a-zA-Z])", words), docx.name


@pytest.mark.parametrize("code", ["zh", "ar"])
def test_a_consolidated_draft_speaks_of_its_conflicts_in_its_language(languages_built, code):
    """The conflicts table's kinds and the conflicts' comments (their author too) are in
    the language of the text: a Chinese reader meets no English word there."""
    from tests.docxtables import tables
    words = load_conventions(RESOLUTIONS, code).consolidated
    docx = next((languages_built / code / "consolidated").glob("res-901-*.docx"))
    conflicts = next(t for t in tables(docx) if t.rows[0] == words["conflict_columns"])
    kinds = {row[1] for row in conflicts.rows[1:]}
    assert kinds and kinds <= set(words["kinds"].values()), kinds
    english = set(load_conventions(RESOLUTIONS).consolidated["kinds"].values())
    assert not kinds & english
    comments = _xml(docx, "word/comments.xml").findall("w:comment", NS)
    assert comments
    said = words["comments"]  # the words of the comments, by the engine's names
    prefixes = (said["conflict"].split("{")[0], said["conflict_on"].split("{")[0])
    for comment in comments:
        assert comment.get(_q("w:author")) == said["author"]
        text = "".join(t.text or "" for t in comment.iter(_q("w:t")))
        assert text.startswith(prefixes) and "Conflict" not in text, text


def test_the_chinese_history_line_has_full_width_parentheses(languages_built):
    from tests.wordfile import texts
    history = load_conventions(RESOLUTIONS, "zh").words.history
    lines = texts(languages_built / "zh" / "resolution-901-C.docx")
    line = next(line for line in lines if "2016" in line and "2022" in line)
    assert line.startswith(history.split("{")[0]) and "(" not in line, line


def test_an_unknown_language_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["resolutions", "--lang", "xx", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown language 'xx'" in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


# --- words per script -------------------------------------------------------------------

_HAN = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2,
               max_size=30)


@settings(max_examples=60, deadline=None)
@given(_HAN, st.integers(min_value=0, max_value=29), st.characters(min_codepoint=0x4E00,
                                                                   max_codepoint=0x9FFF))
def test_a_chinese_character_changed_is_marked_alone(text, at, new):
    at = at % len(text)
    if text[at] == new:
        return
    changed = text[:at] + new + text[at + 1:]
    old_tokens, new_tokens = tokens(text), tokens(changed)
    assert "".join(old_tokens) == text and len(old_tokens) == len(text)
    edits = [op for op in diff_words(old_tokens, new_tokens) if op[0] != "equal"]
    deleted = "".join("".join(old_tokens[i1:i2]) for _, i1, i2, _, _ in edits)
    inserted = "".join("".join(new_tokens[j1:j2]) for _, _, _, j1, j2 in edits)
    assert (deleted, inserted) == (text[at], new)


_ARABIC_WORD = st.text(alphabet=st.characters(min_codepoint=0x0621, max_codepoint=0x064A),
                       min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(_ARABIC_WORD, min_size=3, max_size=12), st.sampled_from(["،", "؛", "؟"]))
def test_arabic_punctuation_is_not_part_of_a_word(words, mark):
    text = " ".join(words[:-1]) + mark + " " + words[-1]
    found = tokens(text)
    assert "".join(found) == text
    assert mark in found
    assert [t for t in found if t.strip() and t != mark] == words


# --- what a reader sees ---------------------------------------------------------------------

@office.apply(office.soffice)
@pytest.mark.parametrize("code, sample", [("ar", "إذ تضع في اعتبارها"), ("zh", "考虑到")])
def test_arabic_and_chinese_render_in_their_script(languages_built, tmp_path, code, sample):
    suffix = load_languages()[code].suffix
    docx = languages_built / code / f"resolution-901-{suffix}.docx"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / f"{docx.stem}.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    compact = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", sample) in compact or sample in text, text[:500]
    assert len(fonts.strip().split("\n")) > 2  # glyphs came from real fonts
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, capture_output=True)
    page = next(tmp_path.glob("page*.png"))
    from PIL import Image
    with Image.open(page) as image:  # a page with text on it, not a blank one
        assert image.convert("L").getextrema()[0] < 100
    if code == "ar":
        # right to left: the body's lines end at the right margin, where a left-to-right
        # justified text would start them
        words = _words_with_boxes(pdf)
        arabic = [w for w in words if re.search("[\u0600-\u06ff]", w[0])]
        right = max(x1 for _, _, x1 in arabic)
        starts = [x1 for _, _, x1 in arabic]
        assert sum(1 for x in starts if right - x < 20) >= 10


def _words_with_boxes(pdf: Path) -> list[tuple[str, float, float]]:
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, text=True).stdout
    return [(m.group(3), float(m.group(1)), float(m.group(2))) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        html)]


@office.apply(office.soffice)
def test_arabic_page_numbers_stand_where_itus_arabic_pages_have_them(languages_built, tmp_path):
    """The footers of an Arabic text keep their places on the page, as in ITU's Arabic
    publications and the English text: the page number on the right of an odd page, on
    the left of an even one (not mirrored with the text)."""
    docx = next((languages_built / "ar" / "clean").glob("resolution-901-*-A.docx"))
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / f"{docx.stem}.pdf"
    for number in (1, 2):
        html = subprocess.run(["pdftotext", "-bbox", "-f", str(number), "-l", str(number),
                               str(pdf), "-"], capture_output=True, text=True).stdout
        width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
        height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html).group(1))
        found = [float(m.group(1)) for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(\d+)</word>',
            html) if float(m.group(2)) > 0.9 * height and m.group(3) == str(number)]
        assert found, f"no page number {number} in the footer"
        assert (found[0] > width / 2) == (number % 2 == 1), (number, found, width)


@pytest.fixture(scope="module")
def one_contribution(tmp_path_factory) -> Path:
    """The examples with CEPT's contribution alone, which exists in every language: so
    each language has its compilation and the consolidated draft of Resolution 901."""
    root = tmp_path_factory.mktemp("one")
    shutil.copytree(RESOLUTIONS, root / "resolutions")
    shutil.copytree(CONTENT / "assemblies", root / "assemblies")
    proposals = root / "proposals" / "wtsa-24"
    (proposals / "drafts").mkdir(parents=True)
    shutil.copy2(PROPOSALS / "ecp-39a1.yaml", proposals)
    shutil.copytree(PROPOSALS / "drafts" / "ecp", proposals / "drafts" / "ecp")
    out = root / "build"
    build_languages(proposals, root / "resolutions", root / "assemblies", out, ["ar", "fr"])
    return out


def test_a_language_gets_its_compilation_and_consolidated_drafts(one_contribution):
    from tests.wordfile import texts
    french = load_conventions(RESOLUTIONS, "fr")
    compilation = " ".join(texts(one_contribution / "fr" / "compilation-F.docx"))
    assert french.compilation["matrix_heading"] in compilation
    assert "Compilation of the proposals" not in compilation
    consolidated = one_contribution / "fr" / "consolidated" / "res-901-F.docx"
    words = " ".join(texts(consolidated))
    assert french.consolidated["title"].format(number=901).upper() in words  # the cover's
    assert french.consolidated["sources_heading"] in words
    assert "considérant" in words
    arabic = one_contribution / "ar" / "consolidated" / "res-901-A.docx"
    runs = _xml(arabic, "word/document.xml").findall(".//w:r", NS)
    assert runs and all(r.find("w:rPr/w:rtl", NS) is not None for r in runs)
    # the revisions are the source's, in its language's text
    inserted = _xml(consolidated, "word/document.xml").findall(".//w:ins", NS)
    assert inserted and {i.get(_q("w:author")) for i in inserted} == {"CEPT"}
