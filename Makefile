# One command to serve the app with sample data, one to run the whole test suite.
# Needs Python 3.11+ only: the database is an embedded PostgreSQL server unless
# DATABASE_URL points to another one.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Development defaults; production sets these in its own environment.
export DJANGO_DEBUG ?= true

.PHONY: run test serve setup audit lint format messages translations migrate sample-data stop-db bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed translations migrate

translations: $(VENV)/.installed
	$(BIN)/python manage.py compile_translations

migrate: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput

sample-data: migrate
	$(BIN)/python manage.py load_sample_data

run: setup sample-data
	@if [ -z "$$DATABASE_URL" ]; then echo "Database: embedded PostgreSQL in .data/pg (set DATABASE_URL to use another server; make stop-db stops it)"; fi
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	@# bandit reports findings on stdout; stderr only repeats which nosec marks it saw.
	$(BIN)/bandit -q -c pyproject.toml -r . 2>/dev/null
	$(BIN)/python .ci/dependency_audit.py
	$(BIN)/pytest

serve: setup
	DJANGO_DEBUG=false $(BIN)/python manage.py collectstatic --noinput
	DJANGO_DEBUG=false $(BIN)/gunicorn config.wsgi:application --bind $(HOST):$(PORT) --workers 3 --access-logfile -

# Static security analysis and known vulnerabilities of the installed packages. Here
# pip-audit must reach its vulnerability service (see docs/deployment.md).
audit: $(VENV)/.installed
	@# bandit reports findings on stdout; stderr only repeats which nosec marks it saw.
	$(BIN)/bandit -q -c pyproject.toml -r . 2>/dev/null
	$(BIN)/python .ci/dependency_audit.py --require-service

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract new strings (needs GNU gettext), then derive sr_Latn and compile every catalogue.
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages --all --ignore=.venv --ignore=.data --ignore=staticfiles --no-obsolete
	$(BIN)/python manage.py compile_translations

stop-db:
	$(BIN)/python -c "from pathlib import Path; from config.embedded_db import stop_embedded_server; stop_embedded_server(Path('.data'))"

clean: stop-db
	rm -rf $(VENV) .data staticfiles .pytest_cache
