# The two commands a fresh clone needs are `make serve` and `make test`; both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Browser libraries the site serves itself (no CDN), from the npm registry.
MERMAID := node_modules/mermaid/dist/mermaid.min.js

.PHONY: serve site test bench browser clean

$(MERMAID): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $(MERMAID); \
	else \
		echo "npm not found: diagrams will show as their Mermaid source (install Node.js's npm to draw them)"; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Preview the handbook and catalog with live reload on http://127.0.0.1:8000
serve: $(STAMP) $(MERMAID)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Build the site into site/, failing on any warning
site: $(STAMP) $(MERMAID)
	$(BIN)/mkdocs build --strict

## Lint, type-check and run the whole test suite (real MkDocs builds, git, headless Chromium)
test: $(STAMP) $(MERMAID) browser
	$(BIN)/ruff check plugins tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

## Make sure Debian's Chromium is there for the browser tests (installs it when running as root)
browser:
	@sh scripts/ensure-chromium.sh

## Benchmarks: check speed, build speed and page size, search payload (see bench/README.md)
bench: $(STAMP) $(MERMAID) browser
	$(BIN)/python bench/run.py

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache bench/out
