# newsarchive — the two commands: `make demo` and `make test`.
# Both create .venv and install the project into it when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8001
# Root installs system packages directly; anyone else through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)


.PHONY: install browser redis demo test lint format clean bench bench-extraction bench-incremental bench-storage bench-search bench-e2e

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsarchive needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

# Serve the bundled offline mirror, crawl it into archive.db, serve it at http://127.0.0.1:$(PORT)/
demo: install
	$(BIN)/newsarchive demo --db archive.db --port $(PORT)

# The browser tests drive Debian's Chromium (no browser download) and need CJK fonts.
browser:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "noto sans cjk" || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; }

# The distributed-crawl test starts a real redis-server on 127.0.0.1 (Debian's package).
redis:
	@command -v redis-server >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq redis-server; }

test: install browser redis
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Benchmarks print ratios measured in the same run; they need ../shared/ beside the checkout.
bench: bench-extraction bench-incremental bench-storage bench-search bench-e2e

bench-extraction: install
	$(BIN)/python bench/extraction.py

bench-incremental: install
	$(BIN)/python bench/incremental.py

bench-storage: install
	$(BIN)/python bench/storage.py

# Crawls a generated 10,000-article site twice (full pipeline, bare Scrapy), then 1,000.
bench-e2e: install
	$(BIN)/python bench/e2e.py

# Generates a 1,000,000-article archive once (cached in bench/.cache/, about 18.6 GB).
bench-search: install
	$(BIN)/python bench/search.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
