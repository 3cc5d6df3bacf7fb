# newskg — two commands do everything on a fresh machine:
#   make demo   set up .venv, build the graph of data/articles, export Turtle, write the network page
#   make test   set up .venv and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= oxigraph:.newskg/store

.PHONY: demo test test-slow bench docs notebook lint setup setup-dev browser clean vendor

# make demo needs only the tool; the test tools (pytest, Playwright, Dask, Jupyter's kernel …)
# come with the first make test, so a demo-only venv stays small.
$(BIN)/newskg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.dev: $(BIN)/newskg
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

setup: $(BIN)/newskg

setup-dev: $(VENV)/.dev

demo: setup
	@mkdir -p out
	$(BIN)/newskg ingest data/articles --store $(STORE)
	$(BIN)/newskg curate data/curation.yaml --store $(STORE)
	$(BIN)/newskg export --format turtle --out out/newskg.ttl --store $(STORE)
	$(BIN)/newskg graph --out out/network.html --store $(STORE)
	$(BIN)/newskg timeline --out out/timeline.html --store $(STORE)
	$(BIN)/newskg stats --store $(STORE)

# Browser tests of the HTML pages need Debian's Chromium; installed here when missing (as root).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: chromium is missing; the browser tests will be skipped (apt-get install chromium)"; fi; }

test: setup-dev browser
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

test-slow: setup-dev browser
	$(BIN)/python -m pytest -q -m slow

notebook: setup
	$(BIN)/pip install --quiet -e '.[notebook]'
	cd notebooks && ../$(BIN)/jupyter lab

docs: setup-dev
	$(BIN)/newskg docs --out out/ontology.html
	$(BIN)/python -m tests.helpers.cli_reference --write

bench: setup-dev
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_page.py
	$(BIN)/python benchmarks/bench_browser.py
	$(BIN)/python benchmarks/bench_queries.py --alongside "$(BIN)/python benchmarks/bench_memory.py --small 500 --large 5000 --batch 500"

lint: setup-dev
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

clean:
	rm -rf out .newskg .pytest_cache

# vis-timeline for the timeline page, sigma and graphology for the network page of a big
# graph: from the npm registry, shipped inside the package
vendor:
	rm -rf out/vendor && mkdir -p out/vendor && cd out/vendor && npm pack vis-timeline@8.5.4 >/dev/null && tar xzf vis-timeline-8.5.4.tgz
	cp out/vendor/package/standalone/umd/vis-timeline-graph2d.min.js src/newskg/graph/assets/
	cp out/vendor/package/LICENSE.Apache-2.0.txt src/newskg/graph/assets/vis-timeline.LICENSE.Apache-2.0.txt
	cp out/vendor/package/LICENSE.MIT.txt src/newskg/graph/assets/vis-timeline.LICENSE.MIT.txt
	rm -rf out/vendor/package && cd out/vendor && npm pack sigma@3.0.2 >/dev/null && tar xzf sigma-3.0.2.tgz
	cp out/vendor/package/dist/sigma.min.js src/newskg/graph/assets/
	cp out/vendor/package/LICENSE.txt src/newskg/graph/assets/sigma.LICENSE.txt
	rm -rf out/vendor/package && cd out/vendor && npm pack graphology@0.26.0 >/dev/null && tar xzf graphology-0.26.0.tgz
	cp out/vendor/package/dist/graphology.umd.min.js src/newskg/graph/assets/
	cp out/vendor/package/LICENSE.txt src/newskg/graph/assets/graphology.LICENSE.txt
