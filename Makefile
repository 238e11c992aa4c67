# Partnerportalen. `make` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# Python 3.12+ (pinned in .python-version); pyenv's shims find it when present.
PYTHON ?= $(shell command -v python3.12 || command -v python3.13 || command -v python3)
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=
# pytest-xdist workers for `make test` (a number, or auto: one per core).
TEST_WORKERS ?= auto

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
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install ## Check style with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install ## Search quality and latency benchmarks (DATABASE_URL picks the database)
	$(PY) bench/relevance.py
	$(PY) bench/search_latency.py -n $${BENCH_N:-100000}

load: install ## Load benchmark on the production stack (PostgreSQL, Redis; bench/load.py, LOAD_ARGS=--reuse)
	$(PY) bench/load.py $(LOAD_ARGS)

worker: install ## Run the database-backed task worker (production on one machine)
	$(PY) manage.py run_worker

# make prod reads its settings from ENV_FILE (default .env; see .env.example).
ENV_FILE ?= .env
HONCHO := PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho

prod: install ## Production on one machine: migrate, collectstatic, then web + worker + scheduler (Procfile)
	@test -e $(ENV_FILE) || { echo "$(ENV_FILE) is missing: copy .env.example, or try it with make prod-trial"; exit 1; }
	$(HONCHO) run -e $(ENV_FILE) python manage.py migrate --noinput
	$(HONCHO) run -e $(ENV_FILE) python manage.py collectstatic --noinput -v0
	$(HONCHO) start -e $(ENV_FILE) -f Procfile

# LOCAL TRIAL ONLY: `make prod` with production settings (DEBUG off) on a
# scratch SQLite database with the demo, over plain HTTP on 127.0.0.1:TRIAL_PORT.
# These values are public; never use them on a server.
TRIAL_DIR := $(CURDIR)/var/trial
TRIAL_PORT ?= 8000
prod-trial: export GUNICORN_BIND := 127.0.0.1:$(TRIAL_PORT)
prod-trial: export DJANGO_SETTINGS_MODULE := portal.settings.production
prod-trial: export SECRET_KEY := local-trial-only-this-key-is-public-never-use-it-on-a-server
prod-trial: export ALLOWED_HOSTS := 127.0.0.1,localhost
prod-trial: export DATABASE_URL := sqlite:///$(TRIAL_DIR)/db.sqlite3
prod-trial: export STATIC_ROOT := $(TRIAL_DIR)/static
prod-trial: export MEDIA_ROOT := $(TRIAL_DIR)/media
prod-trial: export PRIVATE_MEDIA_ROOT := $(TRIAL_DIR)/private
prod-trial: export SECURE_SSL_REDIRECT := false
prod-trial: export EMAIL_BACKEND := django.core.mail.backends.console.EmailBackend
prod-trial: install ## LOCAL TRIAL ONLY: make prod on a scratch SQLite database with the demo
	mkdir -p $(TRIAL_DIR)
	$(PY) manage.py migrate --noinput
	# The demo's known passwords: seed_demo runs only under the dev settings.
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py seed_demo --address 127.0.0.1:$(TRIAL_PORT)
	$(MAKE) prod ENV_FILE=/dev/null

# Det Fælles Designsystem (https://designsystem.dk, npm package dkfds, MIT; IBM Plex
# Sans under OFL-1.1, icons under Apache-2.0). Its built CSS and only the fonts and
# icons that CSS refers to are vendored in static/vendor/dkfds (see NOTE.md there).
DKFDS_VERSION ?= 11.2.0
DKFDS_THEME ?= dkfds-virkdk
DKFDS_DIR := static/vendor/dkfds

dkfds: ## Vendor DKFDS's built CSS, fonts and icons (DKFDS_VERSION=x.y.z; needs npm)
	@set -euo pipefail; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	( cd "$$tmp" && npm pack --silent dkfds@$(DKFDS_VERSION) >/dev/null && tar xzf dkfds-$(DKFDS_VERSION).tgz ); \
	dist="$$tmp/package/dist"; rm -rf $(DKFDS_DIR)/css $(DKFDS_DIR)/fonts $(DKFDS_DIR)/img; \
	mkdir -p $(DKFDS_DIR)/css $(DKFDS_DIR)/img; \
	sed '/sourceMappingURL/d' "$$dist/css/$(DKFDS_THEME).min.css" > $(DKFDS_DIR)/css/$(DKFDS_THEME).min.css; \
	grep -o 'url([^)]*)' $(DKFDS_DIR)/css/$(DKFDS_THEME).min.css | sed 's/^url(//; s/)$$//; s/["'"'"']//g; s/[?#].*//; s|^\.\./||' | sort -u | \
	while read -r file; do install -D -m 644 "$$dist/$$file" "$(DKFDS_DIR)/$$file"; done; \
	cp "$$dist/img/all-svg-icons.svg" $(DKFDS_DIR)/img/; \
	cp "$$tmp/package/LICENSE.md" $(DKFDS_DIR)/LICENSE.md; \
	cp "$$dist/fonts/IBMPlexSans/complete/woff/license.txt" $(DKFDS_DIR)/fonts/IBMPlexSans/complete/LICENSE-OFL.txt 2>/dev/null || true; \
	sed -i 's/^Version: .*/Version: $(DKFDS_VERSION)/' $(DKFDS_DIR)/NOTE.md; \
	echo "DKFDS $(DKFDS_VERSION) ($(DKFDS_THEME)) vendored in $(DKFDS_DIR): $$(find $(DKFDS_DIR) -type f | wc -l) files, $$(du -sh $(DKFDS_DIR) | cut -f1)"

browsers: ## Install Debian's Chromium for the browser tests (needs root)
	command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)

.PHONY: help install run test lint format bench worker prod prod-trial browsers dkfds
