# Reglament: `make run` serves the app on the embedded defaults, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when the declared dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Embedded mode: SQLite file, Celery tasks in-process, console e-mail, DEBUG on. The local .env
# (DEBUG=1) lets `.venv/bin/python manage.py …` work afterwards too.
.env:
	printf '# Local development settings (not for production); see README.\nDEBUG=1\n' > .env

run: export DEBUG ?= 1
run: install .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py search_index update
	# The periodic schedule (reminders, escalations, timers, search outbox) runs beside the
	# server, in-process: no broker needed.
	$(BIN)/python manage.py run_schedule > .schedule.log 2>&1 & trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

# Refresh the Russian catalogue after adding UI strings, then translate and compile.
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l ru --ignore=.venv --ignore=tests --ignore=bench
	msgattrib --no-obsolete -o config/locale/ru/LC_MESSAGES/django.po config/locale/ru/LC_MESSAGES/django.po
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
