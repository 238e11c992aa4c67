# Partnerportalen. `make` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# Python 3.12+ (pinned in .python-version); pyenv's shims find it when present.
PYTHON ?= $(shell command -v python3.12 || command -v python3.13 || command -v python3)
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e . --group dev
	touch $@

install: $(VENV)/.installed ## Create .venv and install everything

run: install ## Migrate, load demo content, serve on HOST (default 127.0.0.1:8000)
	$(PY) manage.py migrate --noinput
	SITE_URL=$${SITE_URL:-http://$(HOST)} $(PY) manage.py seed_demo --address $(HOST)
	SITE_URL=$${SITE_URL:-http://$(HOST)} $(PY) manage.py runserver $(HOST)

test: install ## Run the whole test suite (DATABASE_URL picks the database)
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install ## Check style with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install ## Search quality and latency benchmarks (DATABASE_URL picks the database)
	$(PY) bench/relevance.py
	$(PY) bench/search_latency.py -n $${BENCH_N:-100000}

worker: install ## Run the database-backed task worker (production on one machine)
	$(PY) manage.py db_worker

browsers: ## Install Debian's Chromium for the browser tests (needs root)
	command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)

.PHONY: help install run test lint format bench worker browsers
