# Two commands on a fresh clone: `make demo` and `make test`. Both install what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench soak clean lint browser native

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,report,dask,native]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/edgar-archive demo --output output

test: $(STAMP) browser native
	$(BIN)/python -m pytest

# The CM parser compiled by mypyc, and its C scans (crawler/edgar/cm/_native/, used only while it matches the sources;
# about 50 s). Without a C compiler the pure parser runs (same outputs, ~2.4x slower); tests/test_native.py says why.
native: $(STAMP)
	@$(BIN)/python -m crawler.native \
		|| echo "could not compile the CM parser (a C compiler is needed): the pure parser runs" >&2

# Debian's Chromium for the report's browser test (tests/report/test_page.py fails, naming it, when absent).
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
		|| echo "could not install chromium (apt-get install chromium, as root): the browser test will fail" >&2

# Figures for the README (about 30 min; the quarter mirror is built once into bench/.cache/).
# BENCH_ARGS e.g. "--repeat 5" or "--only crawl_capped"; edgartools (the peer) runs from a venv built once under
# ~/.cache/edgar-archive (BENCH_EDGARTOOLS_PYTHON=/path/to/venv/bin/python uses another one for index_parse).
bench: $(STAMP) native
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The reliability suite with more rounds than `make test` runs (SOAK_ROUNDS; SOAK_SEED replays a failure).
SOAK_ROUNDS ?= 10
soak: $(STAMP)
	SOAK_ROUNDS=$(SOAK_ROUNDS) $(BIN)/python -m pytest -m slow tests/reliability

clean:
	rm -rf output/filings output/documents output/se_filings output/se_links output/errors output/runs output/raw output/_state output/_manifest output/_staging \
		output/document_text output/cm_tables output/cm_values output/cm_tranches output/_rebuild output/_demo_mirror output/report.html
