# Two commands do everything on a fresh machine (only python3, make and git needed):
#   make run   — virtualenv, install, migrate the SQLite database in var/, demo content, admin
#                account, serve (PORT=8000 and HOST=127.0.0.1 by default)
#   make test  — virtualenv and install, ruff, then the quick tier of the test suite (each test
#                builds its own database; no demo content or admin account); `make test-slow`
#                runs the long suites (browser, benchmark harness, hostile corpora), CI both
# PYTHON picks the interpreter the virtualenv is built with (make run PYTHON=python3.12).
SHELL := /bin/bash
# Keep in step with pyproject.toml's requires-python (tests/test_packaging.py checks it).
SUPPORTED_PYTHONS := 3.11 3.12 3.13
SUPPORTED_PYTHONS_TEXT := $(shell echo $(SUPPORTED_PYTHONS) | sed "s/ /, /g")
# Whether PYTHON was chosen (on the command line or in the environment): a chosen interpreter
# rebuilds a .venv made by another one; otherwise an existing, working .venv is kept.
PYTHON_CHOSEN := $(filter command line environment,$(origin PYTHON))
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# The interpreter a .venv was built with: "<major.minor> <path>", written when it is created.
VENV_INTERPRETER := $(VENV)/.interpreter
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-slow install setup lint format check clean browser-assets bench soak port-free scale-test

# Checks the interpreter before anything is created: an unsupported or missing Python stops
# here with the versions that work and how to choose one. A .venv built by another
# interpreter than the one chosen is rebuilt rather than reused; dependencies are installed
# again when pyproject.toml or constraints.txt change.
install:
	@set -euo pipefail; \
	version() { "$$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null; }; \
	supported() { [[ " $(SUPPORTED_PYTHONS) " == *" $$1 "* ]]; }; \
	fail() { \
		echo "make: $$1" >&2; \
		echo "  This project supports Python $(SUPPORTED_PYTHONS_TEXT). Choose an interpreter with PYTHON, e.g." >&2; \
		echo "    make $(or $(MAKECMDGOALS),install) PYTHON=python3.12" >&2; \
		echo "  (with pyenv: PYTHON=\$$(pyenv root)/versions/<version>/bin/python)" >&2; \
		exit 1; \
	}; \
	if [ -z "$(PYTHON_CHOSEN)" ] && [ -x "$(BIN)/python" ] && supported "$$(version "$(BIN)/python")"; then \
		: "keep the working .venv"; \
	else \
		python="$$(command -v "$(PYTHON)" || true)"; \
		[ -n "$$python" ] || fail "PYTHON=$(PYTHON) was not found."; \
		found="$$(version "$$python")" || true; \
		[ -n "$$found" ] || fail "$(PYTHON) ($$python) does not run as Python."; \
		supported "$$found" || fail "$(PYTHON) is Python $$found, which is not supported."; \
		interpreter="$$found $$("$$python" -c 'import os, sys; print(os.path.realpath(sys.executable))')"; \
		if [ -d "$(VENV)" ] && [ "$$(cat "$(VENV_INTERPRETER)" 2>/dev/null)" != "$$interpreter" ]; then \
			echo "$(VENV) was built with $$(cat "$(VENV_INTERPRETER)" 2>/dev/null || echo "another interpreter"); rebuilding it with Python $$interpreter"; \
			rm -rf "$(VENV)"; \
		fi; \
		if [ ! -x "$(BIN)/python" ]; then \
			echo "Creating $(VENV) with Python $$interpreter"; \
			"$$python" -m venv "$(VENV)"; \
			echo "$$interpreter" > "$(VENV_INTERPRETER)"; \
		fi; \
	fi; \
	if [ ! -f "$(STAMP)" ] || [ pyproject.toml -nt "$(STAMP)" ] || [ constraints.txt -nt "$(STAMP)" ]; then \
		echo "Installing the project and its dependencies into $(VENV) (1–2 minutes the first time)"; \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip; \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev,production]"; \
		touch "$(STAMP)"; \
	fi

# Before any set-up: a port already taken would only fail after the install and migrations.
port-free:
	@for python in "$(BIN)/python" "$(PYTHON)" python3; do \
		command -v "$$python" >/dev/null 2>&1 && break; \
	done; \
	"$$python" -c 'import socket, sys; \
	host, port = sys.argv[1].strip("[]"), int(sys.argv[2]); \
	family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]; \
	server = socket.socket(family, kind, proto); \
	server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); \
	server.bind(address)' "$(HOST)" "$(PORT)" 2>/dev/null || { \
		echo "make: port $(PORT) on $(HOST) is already in use (another make run or server?)." >&2; \
		echo "  Stop that server, or choose another port: make run PORT=$$(( $(PORT) + 1 ))" >&2; \
		exit 1; \
	}

# axe-core for the browser tests' accessibility checks, when npm is available.
node_modules/.installed-stamp: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --silent && touch $@; \
	else \
		echo "npm not found: browser accessibility tests will be skipped"; \
	fi

browser-assets: node_modules/.installed-stamp

# Safe to repeat: migrations apply once, demo content and the admin account are only created
# when missing, so an editor's work is kept.
setup: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py ensure_admin

# Background work (webhook deliveries, cache purges) runs on the database queue, in a task
# worker beside the dev server, as in production: a publish never waits for a receiver.
# The demo's one public base URL is the address it serves (or PUBLIC_BASE_URL, e.g. with
# HOST=0.0.0.0): every absolute link (API, feeds, sitemap, webhooks, admin emails) and the
# Wagtail Site (configure_site) say it.
run: port-free setup
	@echo "Serving http://$(HOST):$(PORT)/  (admin at http://$(HOST):$(PORT)/admin/)"
	@export PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://$(HOST):$(PORT)}; \
		$(BIN)/python manage.py configure_site; \
		TASKS_BACKEND=database $(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		TASKS_BACKEND=database $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Browser tests run when Chromium (/usr/bin/chromium) and axe-core are present, and are
# reported as skipped, with the reason, when they are not. The suite runs on TEST_WORKERS
# processes (pytest-xdist; one per CPU by default, TEST_WORKERS=0 for one process): each has
# its own test database, live server and uploads folder. `--dist load` hands tests out in
# collection order, which keeps pytest-django's order on every worker (tests that flush the
# database after themselves run after those that rely on the migrations' pages).
#
# Two tiers: `make test` leaves out the suites marked slow, browser, bench and node (about three
# minutes on 2 cores); `make test-slow` runs exactly those (three and a half more); CI runs both.
# TEST_MARKERS="" makes `make test` run everything in one go.
TEST_WORKERS ?= auto
LONG_SUITES := slow or browser or bench or node
TEST_MARKERS ?= not ($(LONG_SUITES))
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load
test: install lint browser-assets
	$(PYTEST) -m "$(TEST_MARKERS)" $(PYTEST_ARGS)

test-slow: install browser-assets
	$(PYTEST) -m "$(LONG_SUITES)" $(PYTEST_ARGS)

# Load the site and APIs under gunicorn with wrk, beside stock Wagtail; the editors' admin
# views, the publish latency (Redis) and, with BENCH_ARGS=--varnish, Varnish in front (see
# bench/run.py --help); installs wrk.
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
