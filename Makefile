# Two commands do everything on a fresh machine (only python3, make and git needed):
#   make run   — virtualenv, install, migrate the SQLite database in var/, demo content, serve
#   make test  — the same set-up, then lint, format check and the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install setup lint format check clean browser-assets bench soak scale-test

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev,production]"
	touch $(STAMP)

# axe-core for the browser tests' accessibility checks, when npm is available.
node_modules/.installed-stamp: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --silent && touch $@; \
	else \
		echo "npm not found: browser accessibility tests will be skipped"; \
	fi

install: $(STAMP)

browser-assets: node_modules/.installed-stamp

# Safe to repeat: migrations apply once, demo content and the admin account are only created
# when missing, so an editor's work is kept.
setup: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py ensure_admin

run: setup
	@echo "Serving http://$(HOST):$(PORT)/  (admin at http://$(HOST):$(PORT)/admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Browser tests run when Chromium (/usr/bin/chromium) and axe-core are present, and are
# reported as skipped, with the reason, when they are not.
test: install lint browser-assets
	$(BIN)/python -m pytest

# Load the site and APIs under gunicorn with wrk (see bench/run.py --help); installs wrk.
bench: install
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Soak test: 2 minutes of load on PostgreSQL while releases are published, edited and
# unpublished; fails on any error or lost publish (see bench/soak.py --help); installs wrk.
soak: install
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

# Scale-out journeys: SeaweedFS (S3), Varnish, two gunicorn instances and a worker on loopback,
# on a PostgreSQL database of their own (SCALE_PG_DATABASE, default scale_test); see README.
scale-test: install
	$(BIN)/python -m pytest -m scale -p no:cacheprovider tests/scale

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules artifacts
