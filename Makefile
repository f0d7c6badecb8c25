# The two commands a fresh clone needs are `make serve` and `make test`; both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# What package-lock.json pins, from the npm registry: Pagefind 1.6 (the search index) and Mermaid
# (diagrams, served by the site itself). `npm ci` runs again whenever the lock file changes.
NODE_MODULES := node_modules/.installed

# `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000
# MkDocs 1.6 with Material prints a notice about MkDocs 2.0 on every build (see docs/operate).
export NO_MKDOCS_2_WARNING := 1
# One line instead of MkDocs' traceback when the port is not free (or not a port).
define PORT_FREE
import socket, sys
port = sys.argv[1]
if not port.isdigit() or not 0 < int(port) < 65536:
    sys.exit(f"make serve: PORT={port} is not a port number (1 to 65535)")
with socket.socket() as probe:
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind(("127.0.0.1", int(port)))
    except OSError as exc:
        sys.exit(f"make serve: port {port} is taken ({exc.strerror}): stop the other server, or run make serve PORT={int(port) + 1}")
endef
export PORT_FREE

.PHONY: serve site zensical test bench browser clean

$(NODE_MODULES): package.json package-lock.json
	@if sh scripts/ensure-debian-package.sh npm "nodejs npm" "the search index and diagrams" \
		"until then: Pagefind 1.5 from the Python wheel, diagrams shown as code"; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_MODULES); \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Preview the handbook and catalog with live reload on http://127.0.0.1:$(PORT) (make serve PORT=8001)
serve: $(STAMP) $(NODE_MODULES)
	@$(BIN)/python -c "$$PORT_FREE" "$(PORT)"
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

## Build the site into site/, failing on any warning
site: $(STAMP) $(NODE_MODULES)
	$(BIN)/mkdocs build --strict

## Build the site with Zensical into build/zensical/site: check, export the catalog into a staging
## docs folder (build/zensical/docs), zensical build (zensical.yml), then the site's own Mermaid and the same Pagefind index
zensical: $(STAMP) $(NODE_MODULES)
	$(BIN)/prfaq check
	$(BIN)/prfaq export build/zensical/docs
	$(BIN)/zensical build --strict -f zensical.yml
	$(BIN)/prfaq finish --export build/zensical/docs build/zensical/site

## Lint, type-check and run the whole test suite (real MkDocs builds, git, headless Chromium)
test: $(STAMP) $(NODE_MODULES) browser
	$(BIN)/ruff check plugins tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

## Make sure Debian's Chromium is there for the browser tests (installs it when running as root)
browser:
	@sh scripts/ensure-debian-package.sh chromium chromium "the browser tests" \
		"the browser tests drive Debian's Chromium at /usr/bin/chromium"

## Benchmarks: check speed, build speed and page size, search payload (see bench/README.md)
bench: $(STAMP) $(NODE_MODULES) browser
	$(BIN)/python bench/run.py

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache bench/out
