"""One failing and one passing case per check: what a drafter would get wrong, and the
same text put right. Texts are short example Resolutions written for these tests.

A Resolution case is its body (the front matter below is put before it) or a whole file
starting with '---'; `line` is the line of the file the finding must name. A
contribution case is a contribution's YAML, with drafts written beside it.
"""

FRONT = """---
number: 950
title: Example for the checker's tests
editions:
  - Hammamet, 2016
  - Geneva, 2022
status: in-force
---

"""
#: lines before the body: body line k is file line k + 9
OFFSET = FRONT.count("\n")

CLEAN = """*considering*

a) that the example works;

b) that it is short,

*resolves*

1 to keep it short;

2 to keep it clear.
"""


def body(text: str) -> str:
    return text if text.startswith("---") else FRONT + text


def front(editions: list[str], extra: str = "") -> str:
    listed = "".join(f"  - {e}\n" for e in editions)
    return (f"---\nnumber: 950\ntitle: Example\neditions:\n{listed}status: in-force\n{extra}---\n\n"
            + CLEAN)


# slug: (failing text, line of the finding in the file, passing text)
RESOLUTION_CASES = {
    "first-preambular-call": ("*noting*\n\nthat it is so,\n\n*resolves*\n\nto act.\n", 10,
                              CLEAN),
    "call-paragraph-style": ("*Considering,*\n\nthat it is so,\n\n*resolves*\n\nto act.\n", 10,
                             CLEAN),
    "known-call": ("*considring*\n\nthat it is so,\n\n*resolves*\n\nto act.\n", 10, CLEAN),
    "operative-starts-resolves": ("*considering*\n\nthat it is so,\n\n*instructs study groups*"
                                  "\n\nto act.\n", 14, CLEAN),
    "operative-call-order": ("*resolves*\n\nto act,\n\n*invites Member States*\n\nto help,\n\n"
                             "*instructs study groups*\n\nto study.\n", 18,
                             "*resolves*\n\nto act,\n\n*instructs study groups*\n\nto study,\n\n"
                             "*invites Member States*\n\nto help.\n"),
    "call-addressee-in-full": ("*resolves*\n\nto act,\n\n*instructs the TSB*\n\nto study.\n", 14,
                               "*resolves*\n\nto act,\n\n*instructs the Director of the "
                               "Telecommunication Standardization Bureau*\n\nto study.\n"),
    "call-has-items": ("*considering*\n\n*noting*\n\nthat it is so,\n\n*resolves*\n\nto act.\n",
                       10, CLEAN),
    "no-word-numbering": ("*resolves*\n\n1. to act;\n\n2. to stop.\n", 12,
                          "*resolves*\n\n1 to act;\n\n2 to stop.\n"),
    "bis-item-form": ("*considering*\n\na) that one;\n\nb) that two;\n\nb) bis that three,\n\n"
                      "*resolves*\n\nto act.\n", 16,
                      "*considering*\n\na) that one;\n\nb) that two;\n\nb)bis that three,\n\n"
                      "*resolves*\n\nto act.\n"),
    "items-lettered-in-sequence": ("*considering*\n\na) that one;\n\nc) that two,\n\n"
                                   "*resolves*\n\nto act.\n", 14, CLEAN),
    "items-numbered-in-sequence": ("*resolves*\n\n1 to act;\n\n3 to stop.\n", 14,
                                   "*resolves*\n\n1 to act;\n\n2 to stop.\n"),
    "single-item-unlettered": ("*noting*\n\na) that it is so,\n\n*resolves*\n\nto act.\n", 12,
                               "*considering*\n\nthat it is so,\n\n*resolves*\n\nto act.\n"),
    "list-levels": ("*resolves*\n\n1 to do the following:\n\n- 1) first;\n- 2) second.\n", 14,
                    "*resolves*\n\n1 to do the following:\n\n- a) first;\n- b) second.\n"),
    "item-opening-word": ("*considering*\n\na) the example works;\n\nb) that it is short,\n\n"
                          "*resolves*\n\nto act.\n", 12, CLEAN),
    "item-ends-with-semicolon": ("*considering*\n\na) that one,\n\nb) that two,\n\n*resolves*"
                                 "\n\nto act.\n", 12, CLEAN),
    "last-item-ends-with-comma": ("*considering*\n\na) that one;\n\nb) that two;\n\n*resolves*"
                                  "\n\nto act.\n", 14, CLEAN),
    "final-item-ends-with-full-stop": ("*considering*\n\nthat it is so,\n\n*resolves*\n\n"
                                       "to act;\n", 16, CLEAN),
    "en-dash-not-hyphen": ("*considering*\n\nthat one - and only one - works,\n\n*resolves*\n\n"
                           "to act.\n", 12,
                           "*considering*\n\nthat one – and only one – works,\n\n*resolves*\n\n"
                           "to act.\n"),
    "edition-in-citation": ("*considering*\n\nthat Resolution 72 applies,\n\n*resolves*\n\n"
                            "to act.\n", 12,
                            "*considering*\n\nthat Resolution 72 (Rev. Bucharest, 2022) of the "
                            "Plenipotentiary Conference applies,\n\n*resolves*\n\nto act.\n"),
    "resolution-citation-form": ("*considering*\n\nthat Resolution No. 72 (Rev. Bucharest, 2022)"
                                 " of the Plenipotentiary Conference applies,\n\n*resolves*\n\n"
                                 "to act.\n", 12,
                                 "*considering*\n\nthat Resolution 72 (Rev. Bucharest, 2022) of "
                                 "the Plenipotentiary Conference applies,\n\n*resolves*\n\nto "
                                 "act.\n"),
    "cited-text-current": ("*considering*\n\nthat WTSA Resolution 899 (Geneva, 2022) applies,"
                           "\n\n*resolves*\n\nto act.\n", 12,
                           "*considering*\n\nthat WTSA Resolution 905 (Rev. Geneva, 2022) "
                           "applies,\n\n*resolves*\n\nto act.\n"),
    "recommendation-citation-form": ("*considering*\n\nthat ITU-T Recommendation A.1 applies,"
                                     "\n\n*resolves*\n\nto act.\n", 12,
                                     "*considering*\n\nthat Recommendation ITU-T A.1 applies,"
                                     "\n\n*resolves*\n\nto act.\n"),
    "italic-cross-reference": ("*resolves*\n\n1 to act;\n\n2 to do what resolves 1 says.\n", 14,
                               "*resolves*\n\n1 to act;\n\n2 to do what *resolves 1* says.\n"),
    "cross-reference-target-exists": ("*resolves*\n\n1 to act;\n\n2 to do what *resolves 3* "
                                      "says.\n", 14,
                                      "*resolves*\n\n1 to act;\n\n2 to do what *resolves 1* "
                                      "says.\n"),
    "external-reference-has-edition": ("*considering*\n\nthat *resolves 2* of Resolution 905 "
                                       "applies,\n\n*resolves*\n\nto act.\n", 12,
                                       "*considering*\n\nthat *resolves 2* of WTSA Resolution "
                                       "905 (Rev. Geneva, 2022) applies,\n\n*resolves*\n\n"
                                       "to act.\n"),
    "word-footnotes": ("*considering*\n\nthat it is so^1^,\n\n*resolves*\n\nto act.\n", 12,
                       "*considering*\n\nthat it is so[^a],\n\n*resolves*\n\nto act.\n\n"
                       "[^a]: An example note.\n"),
    "footnote-ends-with-full-stop": ("*considering*\n\nthat it is so[^a],\n\n*resolves*\n\n"
                                     "to act.\n\n[^a]: An example note\n", 18,
                                     "*considering*\n\nthat it is so[^a],\n\n*resolves*\n\n"
                                     "to act.\n\n[^a]: An example note.\n"),
    "annex-lettering": ("*resolves*\n\nto apply Annex B.\n\n# Annex B: Example\n\nText.\n", 14,
                        "*resolves*\n\nto apply Annex A.\n\n# Annex A: Example\n\nText.\n"),
    "annex-referenced": ("*resolves*\n\nto act.\n\n# Annex A: Example\n\nText.\n", 14,
                         "*resolves*\n\nto apply Annex A.\n\n# Annex A: Example\n\nText.\n"),
    "long-sentence": ("*considering*\n\nthat " + " ".join(["word"] * 80) + ",\n\n*resolves*"
                      "\n\nto act.\n", 12, CLEAN),
    "gendered-terms": ("*resolves*\n\nto ask the chairman to act.\n", 12,
                       "*resolves*\n\nto ask the chair to act.\n"),
    "itu-spelling": ("*resolves*\n\nto organise the work.\n", 12,
                     "*resolves*\n\nto organize the work.\n"),
    "abbreviation-expanded": ("*resolves*\n\nto ask TSB to act.\n", 12,
                              "*resolves*\n\nto ask the Telecommunication Standardization Bureau"
                              " (TSB) to act, and TSB to report.\n"),
    "term-consistency": ("*resolves*\n\nto ask member states to act.\n", 12,
                         "*resolves*\n\nto ask Member States to act.\n"),
    "no-direct-formatting": ("*resolves*\n\nto act **now**.\n", 12,
                             "*resolves*\n\nto act now.\n"),
    "number-line-format": (front(["Hammamet, 2016", "Rev. Geneva, 2022"]), 6,
                           front(["Hammamet, 2016", "Geneva, 2022"])),
    "history-chronological": (front(["Geneva, 2022", "Hammamet, 2016"]), 6,
                              front(["Hammamet, 2016", "Geneva, 2022"])),
    "edition-year-matches-assembly": (front(["Hammamet, 2016", "Geneva, 2020"]), 6,
                                      front(["Hammamet, 2016", "Geneva, 2022"])),
    "opening-line-comma": (front(["Hammamet, 2016"], "assembly: Geneva, 2021\n"), 7,
                           front(["Hammamet, 2016"], "assembly: Geneva, 2022\n")),
    "date-format": ("*resolves*\n\nto report by October 15, 2025.\n", 12,
                    "*resolves*\n\nto report by 15 October 2025.\n"),
    "duplicate-passages": ("*considering*\n\nthat proposals from different regions on the same "
                           "Resolution often pursue the same aim in other words, and that "
                           "reconciling them takes much of the time of the committees,\n\n"
                           "*resolves*\n\nto act.\n", 12, CLEAN),
    "no-short-assembly-names": ("*resolves*\n\nto report to WTSA-24.\n", 12,
                                "*resolves*\n\nto report to the next assembly.\n"),
}

GOOD_REASONS = "The example text needs this change for the tests of the checker."

# slug: (contribution YAML, {draft file name: text}, line of the finding, passing YAML, drafts)
_HEAD = ("assembly: wtsa-24\ndocument: 77\naddendum: 1\ndate: 2024-09-01\noriginal: English\n"
         "source: APT\ntitle: Example contribution\nabstract: An example for the tests.\n"
         "proposals:\n")


def _proposal(symbol, number, resolution, reasons=GOOD_REASONS, text=None, base=None):
    out = (f"  - symbol: {symbol}\n    number: ACP/77A1/{number}\n    resolution: {resolution}\n"
           f"    reasons: {reasons}\n")
    if text:
        out += f"    text: {text}\n"
    if base:
        out += f"    base: {base}\n"
    return out


def contribution(*proposals, head=_HEAD) -> str:
    return head + "".join(proposals)


CONTRIBUTION_CASES = {
    "symbol-and-number": (contribution(_proposal("NOC", 1, 905).replace("ACP/", "ECP/")), {},
                          11, contribution(_proposal("NOC", 1, 905)), {}),
    "sup-without-text": (contribution(_proposal("SUP", 1, 905, text="drafts/res-905.md")),
                         {"res-905.md": "@905"}, 14, contribution(_proposal("SUP", 1, 905)), {}),
    # the French draft beside the English one leaves out item b): found at c), line 17
    "translation-structure": (
        contribution(_proposal("MOD", 1, 905, text="drafts/res-905.md")),
        {"res-905.md": "@905+change", "res-905.fr.md": "@905+change:fr-item"}, 17,
        contribution(_proposal("MOD", 1, 905, text="drafts/res-905.md")),
        {"res-905.md": "@905+change", "res-905.fr.md": "@905+change:fr"}),
    "reasons-present": (contribution(_proposal("NOC", 1, 905, reasons="TBD")), {}, 13,
                        contribution(_proposal("NOC", 1, 905)), {}),
    "new-resolution-provisional-number": (
        contribution(_proposal("ADD", 1, 950, text="drafts/new.md")),
        {"new.md": "@new:950"}, 12,
        contribution(_proposal("ADD", 1, "'[ACP-9]'", text="drafts/new.md")),
        {"new.md": "@new:'[ACP-9]'"}),
    "cover-page-fields": (contribution(_proposal("NOC", 1, 905),
                                       head=_HEAD.replace("2024-09-01", "2024-12-01")), {}, 4,
                          contribution(_proposal("NOC", 1, 905)), {}),
    "one-symbol-one-text": (contribution(_proposal("NOC", 1, 905), _proposal("SUP", 2, 905)), {},
                            14, contribution(_proposal("NOC", 1, 905), _proposal("SUP", 2, 906)),
                            {}),
    "proposals-in-order": (contribution(_proposal("NOC", 1, 906), _proposal("NOC", 2, 905)), {},
                           14, contribution(_proposal("NOC", 1, 905), _proposal("NOC", 2, 906)),
                           {}),
    "tracked-changes-present": (contribution(_proposal("MOD", 1, 905, text="drafts/res-905.md")),
                                {"res-905.md": "@905+edition"}, 14,
                                contribution(_proposal("MOD", 1, 905, text="drafts/res-905.md")),
                                {"res-905.md": "@905+edition+change"}),
    "number-line-new-edition": (contribution(_proposal("MOD", 1, 905, text="drafts/res-905.md")),
                                {"res-905.md": "@905+change"}, 14,
                                contribution(_proposal("MOD", 1, 905, text="drafts/res-905.md")),
                                {"res-905.md": "@905+edition+change"}),
    "consolidated-base-is-text-in-force": (
        contribution(_proposal("MOD", 1, 905, text="drafts/res-905.md", base="drafts/old.md")),
        {"res-905.md": "@905+edition+change", "old.md": "@905-old"}, 15,
        contribution(_proposal("MOD", 1, 905, text="drafts/res-905.md", base="drafts/base.md")),
        {"res-905.md": "@905+edition+change", "base.md": "@905"}),
}
