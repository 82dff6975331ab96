# Наставник — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST := $(PY) -m pytest
# Two workers where the machine has the cores; one otherwise.
WORKERS ?= $(shell $(PYTHON) -c "import os; print(min(2, os.cpu_count() or 1))")

.PHONY: install install-dev run test test-sqlite test-postgres test-browser lint messages bench bench-region guide clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## make install: create .venv with the pinned runtime dependencies and compile the catalog
install: $(VENV)/.installed
	$(PY) manage.py compile_catalog

install-dev: install $(VENV)/.installed-dev

## make run: install, migrate the SQLite database, load the demo region, serve on 127.0.0.1:$(PORT)
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	@echo ""
	@mkdir -p var
	@echo "Наставник: http://127.0.0.1:$(PORT)/  (the logins above, password nastavnik-demo)"
	PY=$(PY) PORT=$(PORT) scripts/run_dev.sh

## make test: install what the tests need (pip and Debian packages), then the whole suite:
## SQLite, PostgreSQL and the browser tests in Debian's chromium.
test: install-dev
	scripts/ensure_system_packages.sh
	$(MAKE) --no-print-directory test-sqlite test-postgres test-browser

test-sqlite:
	$(PYTEST) -m "not browser" -n $(WORKERS)

test-postgres:
	$(PY) scripts/with_postgres.py -- $(PYTEST) -m "not browser" -n $(WORKERS)

test-browser:
	$(PYTEST) -m browser

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

$(VENV)/.installed-bench: $(VENV)/.installed requirements-bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

## make bench: the speed goals, measured (not part of the suite)
bench: install-dev
	$(PY) bench/documents.py
	$(PY) bench/staff_import.py
	$(PY) bench/matching.py
	$(PY) bench/matching_school.py
	$(PY) bench/dashboard.py
	$(MAKE) --no-print-directory bench-region

## make bench-region: the region on PostgreSQL under locust (seed, load, soak, restart; ~25 min)
bench-region: install-dev $(VENV)/.installed-bench
	scripts/ensure_system_packages.sh
	$(PY) bench/load.py

## make messages: refresh the ru catalog after changing translatable strings
messages: install-dev
	$(PY) manage.py makemessages -l ru --no-location --no-obsolete --ignore=var --ignore=artifacts
	$(PY) manage.py compile_catalog

## make guide: the whole year in the browser (tests/browser/test_year.py), its screenshots into
## the user guide (docs/guide/img/), shrunk to palettes
guide: install-dev
	scripts/ensure_system_packages.sh
	YEAR_SCREENSHOTS=docs/guide/img $(PYTEST) -m browser tests/browser/test_year.py
	$(PY) scripts/guide_images.py docs/guide/img

clean:
	rm -rf $(VENV) var artifacts .pytest_cache .mypy_cache .ruff_cache
