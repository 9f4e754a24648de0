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
RESOLUTIONS_SRC := $(wildcard content/resolutions/* content/assemblies/* content/proposals/*/* \
  content/proposals/*/drafts/*/* templates/proposals/*) $(wildcard styles/itu-reference*.docx)

.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

.PHONY: help
help: ## List the targets.
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: install
install: $(STAMP) ## Create .venv and install itudraft with its test tools (idempotent).

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

.PHONY: supplement
supplement: $(BUILD)/.supplement-stamp ## Build the A-series Supplement into build/supplement/.

$(BUILD)/.supplement-stamp: $(STAMP) $(SUPPLEMENT_SRC) $(PACKAGE_SRC) $(REFERENCE_DOC)
	$(ITUDRAFT) supplement --source content/supplement --out $(BUILD)/supplement $(REFERENCE_OPT)
	@touch $@

.PHONY: resolutions
resolutions: $(BUILD)/.resolutions-stamp ## Proposal documents, compilation and clean texts into build/resolutions/.

$(BUILD)/.resolutions-stamp: $(STAMP) $(RESOLUTIONS_SRC) $(PACKAGE_SRC) $(REFERENCE_DOC) $(if $(BASE_REV),FORCE)
	$(ITUDRAFT) resolutions $(if $(PROPOSALS),--proposals $(PROPOSALS)) --out $(BUILD)/resolutions \
	  $(if $(BASE_REV),--base-rev $(BASE_REV)) $(REFERENCE_OPT)
	@touch $@

.PHONY: FORCE
FORCE:

.PHONY: pdf
pdf: supplement ## PDF of the Supplement through LibreOffice (when installed).
	@command -v $(SOFFICE) >/dev/null || { echo "make pdf needs LibreOffice: apt-get install libreoffice-writer-nogui"; exit 1; }
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

.PHONY: bench-redline
bench-redline: $(BENCH_STAMP) ## Redline engine vs Docxodus: build/bench/redline.json, docs/benchmarks.md.
	$(BIN)/python -m bench.redline_bench $(BENCH_ARGS)

.PHONY: clean
clean: ## Remove build/ (the .venv stays).
	rm -rf $(BUILD)
