# Imprimatur: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/imprimatur
HOST ?= 127.0.0.1
PORT ?= 8000
# manage.py defaults to the production settings; the local ones (DEBUG on) only when asked.
LOCAL := DJANGO_SETTINGS_MODULE=config.settings.local DEBUG=true SITE_URL=http://$(HOST):$(PORT)

# The Nu Html Checker the HTML tests run (tests/validators/nu.py pins the same version).
VNU_VERSION := 26.9.27
VNU := .cache/node/vnu-jar-$(VNU_VERSION).installed

.PHONY: help install validators run test test-postgres smoke lint fmt check bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		(echo "Python 3.11 or newer is needed" && exit 1)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) bin/requirements.py > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet -r $(VENV)/requirements.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install pinned dependencies

$(VNU):
	@command -v java >/dev/null 2>&1 || { echo "java is needed for the HTML check" && exit 1; }
	npm install --no-audit --no-fund --ignore-scripts --silent --prefix .cache/node \
		vnu-jar@$(VNU_VERSION)
	touch $(VNU)

validators: $(VNU) ## Install the Nu Html Checker (vnu.jar, from npm) the HTML tests run

run: $(STAMP) ## Set up SQLite, load demo data, print demo logins, serve on :8000 (and send e-mail to worker.log)
	$(LOCAL) $(PY) manage.py migrate --noinput -v 0
	$(LOCAL) $(PY) manage.py seed_demo --public-demo-passwords
	@echo "E-mail is sent by a background worker to the console: tail -f worker.log"
	$(LOCAL) $(PY) manage.py db_worker --no-reload -v 1 > worker.log 2>&1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(LOCAL) $(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP) $(VNU) ## Lint, then the whole suite on SQLite
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -m "not postgres"

test-postgres: $(STAMP) $(VNU) ## The whole suite, database tests included, on PostgreSQL
	DATABASE_URL=$(or $(DATABASE_URL),$(POSTGRES_URL)) $(PY) -m pytest

smoke: $(STAMP) ## The production steps end to end: gunicorn, PostgreSQL, Redis, SMTP
	$(PY) bin/smoke.py

lint: $(STAMP) ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(STAMP) ## Format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: $(STAMP) ## Django system checks and missing migrations
	$(LOCAL) $(PY) manage.py check
	$(LOCAL) $(PY) manage.py makemigrations --check --dry-run

bench: $(STAMP) ## The public endpoints against bare Django views, then rebuild_public at 100,000 articles
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) -m bench.public
	$(PY) -m bench.rebuild --articles 100000 --skip-one-worker

clean: ## Remove the virtual environment and the local database
	rm -rf $(VENV) db.sqlite3 worker.log
