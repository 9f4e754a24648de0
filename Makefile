# itudraft: ITU-styled Word documents for WTSA drafting.
# `make supplement` and `make test` are the whole set-up on a fresh clone:
# the first use creates .venv and installs the project into it.

PYTHON ?= python3
VENV ?= .venv
SOFFICE ?= soffice
REFERENCE_DOC ?=
BUILD ?= build

BIN := $(VENV)/bin
ITUDRAFT := $(BIN)/itudraft
STAMP := $(VENV)/.installed-stamp
PACKAGE_SRC := $(shell find pipeline -name '*.py')
SUPPLEMENT_SRC := $(wildcard content/supplement/* templates/supplement/*) styles/itu-reference.docx
REFERENCE_OPT := $(if $(REFERENCE_DOC),--reference-doc $(REFERENCE_DOC))
PROPOSALS ?=
BASE_REV ?=
# Languages of `make resolutions`: LANG=fr (one of en fr es ru ar zh; the shell's own
# LANG, a locale such as C.UTF-8, is not a language code and is ignored) or LANGS=all,
# LANGS="fr es". Other languages than English go into build/resolutions/<code>/.
LANGS ?=
LANG_CODES := $(strip $(filter en fr es ru ar zh all,$(LANG)) $(LANGS))
RESOLUTIONS_SRC := $(wildcard content/resolutions/* content/assemblies/* content/proposals/*/* \
  content/proposals/*/drafts/*/* templates/proposals/*) $(wildcard styles/itu-reference*.docx)

.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

.PHONY: help
help: ## List the targets.
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: install
install: $(STAMP) ## Create .venv, install itudraft with its test tools, compile its bytecode (idempotent).

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m compileall -q pipeline  # bytecode kept even where Python may not write it
	touch $@

ALL_ARGS ?=

.PHONY: all
all: $(STAMP) ## Every output, rebuilt only where its inputs changed, on all cores (itudraft all).
	$(ITUDRAFT) all --out $(BUILD) $(REFERENCE_OPT) $(ALL_ARGS)

.PHONY: opens
opens: $(STAMP) ## Check that LibreOffice opens every Word file under build/ (CI runs it after make all).
	$(BIN)/python -m pipeline.libreoffice.opens $(BUILD)

.PHONY: supplement
supplement: $(BUILD)/.supplement-stamp ## Build the A-series Supplement into build/supplement/.

$(BUILD)/.supplement-stamp: $(STAMP) $(SUPPLEMENT_SRC) $(PACKAGE_SRC) $(REFERENCE_DOC)
	$(ITUDRAFT) supplement --source content/supplement --out $(BUILD)/supplement $(REFERENCE_OPT)
	@touch $@

.PHONY: resolutions
resolutions: $(BUILD)/.resolutions-stamp ## Proposal documents, compilation and clean texts into build/resolutions/ (LANG=fr, LANGS=all: other languages into build/resolutions/<code>/).

$(BUILD)/.resolutions-stamp: $(STAMP) $(RESOLUTIONS_SRC) $(PACKAGE_SRC) $(REFERENCE_DOC) $(if $(BASE_REV)$(LANG_CODES),FORCE)
	$(ITUDRAFT) resolutions $(if $(PROPOSALS),--proposals $(PROPOSALS)) --out $(BUILD)/resolutions \
	  $(if $(BASE_REV),--base-rev $(BASE_REV)) $(REFERENCE_OPT) $(foreach code,$(LANG_CODES),--lang $(code))
	@touch $@

.PHONY: FORCE
FORCE:

.PHONY: pdf
pdf: supplement ## PDF of the Supplement through LibreOffice (when installed).
	@command -v $(SOFFICE) >/dev/null || { echo "make pdf needs LibreOffice: apt-get install libreoffice-writer"; exit 1; }
	$(SOFFICE) -env:UserInstallation=file://$(abspath $(BUILD))/.lo-profile --headless \
	  --convert-to pdf --outdir $(BUILD)/supplement $(BUILD)/supplement/*.docx

.PHONY: styles
styles: $(STAMP) ## Regenerate styles/itu-reference*.docx from styles/itu-styles.yaml.
	$(ITUDRAFT) styles

.PHONY: test
test: $(STAMP) ## Check the layer contracts, then run the tests (LibreOffice ones skip, with a reason, without it).
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

.PHONY: test-fast
test-fast: $(STAMP) ## The layer contracts and the tests that do not open LibreOffice.
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -m "not libreoffice"

BENCH_STAMP := $(VENV)/.bench-stamp

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

.PHONY: consolidated
consolidated: $(BUILD)/.consolidated-stamp ## One consolidated draft per modified Resolution, and conflicts.md, into build/consolidated/.

$(BUILD)/.consolidated-stamp: $(STAMP) $(RESOLUTIONS_SRC) $(PACKAGE_SRC) $(REFERENCE_DOC)
	$(ITUDRAFT) consolidated $(if $(PROPOSALS),--proposals $(PROPOSALS)) --out $(BUILD)/consolidated \
	  $(REFERENCE_OPT)
	@touch $@

.PHONY: bench-consolidate
bench-consolidate: $(STAMP) ## Six drafts of 1000 Resolutions consolidated vs one redline: build/bench/consolidate.json, docs/benchmarks.md.
	$(BIN)/python -m bench.consolidate_bench $(BENCH_ARGS)

.PHONY: bench-redline
bench-redline: $(BENCH_STAMP) ## Redline engine vs Docxodus: build/bench/redline.json, docs/benchmarks.md.
	$(BIN)/python -m bench.redline_bench $(BENCH_ARGS)

BRIEFINGS_SRC := $(wildcard content/meetings/* content/positions/* content/briefings/* \
  content/action-plan/* content/focal-points.yaml content/resolutions/* content/assemblies/* \
  content/proposals/*/* content/proposals/*/drafts/*/* templates/briefings/*)
ACTIONPLAN_SRC := $(wildcard content/action-plan/* content/focal-points.yaml content/resolutions/* \
  content/assemblies/* content/proposals/*/* templates/action-plan/* templates/focal-points/*)

.PHONY: briefings
briefings: $(BUILD)/.briefings-stamp ## Chairs' briefing notes, one per content/meetings/ file, into build/briefings/.

$(BUILD)/.briefings-stamp: $(STAMP) $(BRIEFINGS_SRC) $(PACKAGE_SRC)
	$(ITUDRAFT) briefings --content content --out $(BUILD)/briefings
	@touch $@

.PHONY: actionplan
actionplan: $(BUILD)/.actionplan-stamp ## WTSA Action Plan (Word + Excel) into build/action-plan/, and build/focal-points.docx.

$(BUILD)/.actionplan-stamp: $(STAMP) $(ACTIONPLAN_SRC) $(PACKAGE_SRC)
	$(ITUDRAFT) actionplan build --content content --out $(BUILD)/action-plan
	$(ITUDRAFT) focalpoints --content content --out $(BUILD)/focal-points.docx
	@touch $@

.PHONY: actionplan-check
actionplan-check: $(STAMP) ## List operative items without an action and actions whose clause is gone.
	$(ITUDRAFT) actionplan derive --content content --check

.PHONY: templates
templates: $(STAMP) ## Regenerate templates/{briefings,action-plan,focal-points}/*.docx from the house style.
	$(ITUDRAFT) templates

.PHONY: bench-briefings
bench-briefings: $(STAMP) ## 400 actions and ten briefing notes, timed: build/bench/briefings.json, docs/benchmarks.md.
	$(BIN)/python -m bench.briefings_bench $(BENCH_ARGS)

.PHONY: bench-proposals
bench-proposals: $(STAMP) ## One contribution of 500, 2000 and 10000 NOC proposals built: build/bench/proposals.json, docs/benchmarks.md.
	$(BIN)/python -m bench.proposals_bench --doc $(BENCH_ARGS)

CHECK_SRC := $(wildcard content/resolutions/* content/proposals/*/* content/proposals/*/drafts/*/* \
  content/assemblies/* content/texts.yaml content/supplement/rules.yaml) pyproject.toml

.PHONY: check
check: $(STAMP) ## The Supplement's drafting rules on content/ (itudraft check): exit 1 on an error-level finding.
	$(ITUDRAFT) check $(CHECK_ARGS)

.PHONY: streamlining
streamlining: $(BUILD)/reports/streamlining.docx ## Streamlining review of the Resolutions: build/reports/streamlining.{md,docx}.

$(BUILD)/reports/streamlining.docx: $(STAMP) $(CHECK_SRC) $(PACKAGE_SRC) $(wildcard content/action-plan/*)
	$(ITUDRAFT) check --overlaps --streamlining $(BUILD)/reports > /dev/null || [ $$? -eq 1 ]

.PHONY: bench
bench: $(STAMP) ## The whole pipeline at 10, 100 and 300 generated Resolutions: build/bench/build.json, docs/benchmarks.md.
	$(BIN)/python -m bench.build_bench $(BENCH_ARGS)

.PHONY: bench-check
bench-check: $(STAMP) ## The checker with overlaps on 107 Resolutions vs reading them: build/bench/check.json, docs/benchmarks.md.
	$(BIN)/python -m bench.check_bench $(BENCH_ARGS)

.PHONY: clean
clean: ## Remove build/ (the .venv stays).
	rm -rf $(BUILD)
