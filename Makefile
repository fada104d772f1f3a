# The two commands a new colleague needs: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run setup install install-dev migrate translations messages static demo admin serve test lint format check check-all check-standards fuzz-api bench bench-reliability clean

help: ## List the available targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install the runtime requirements

install-dev: $(VENV)/.installed-dev ## Install the test and lint requirements too

translations: | $(PY) ## Compile locale/*.po into .mo files
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(MANAGE) compilemessages --ignore=.venv -v0; \
	else \
		echo "msgfmt (gettext) not found: compiling translations with polib"; \
		$(PY) -c "import glob, polib; [polib.pofile(p).save_as_mofile(p[:-2] + 'mo') for p in glob.glob('locale/*/LC_MESSAGES/*.po')]"; \
	fi

messages: install-dev ## Extract new translatable strings into locale/fi and locale/sv
	$(MANAGE) makemessages -l fi -l sv --ignore=.venv --ignore=var --no-obsolete

migrate: install ## Apply database migrations
	@mkdir -p var
	$(MANAGE) migrate --noinput -v1

static: install ## Collect static files under var/static
	$(MANAGE) collectstatic --noinput -v0

demo: migrate ## Load the bilingual demo content (kept if already there)
	$(MANAGE) load_demo

admin: migrate ## Create the local admin user and print its credentials
	$(MANAGE) create_local_admin --url http://$(HOST):$(PORT)

# Absolute links (sitemap, feeds, API, JSON-LD) and the default Wagtail Site follow the address served here
# (sakke_site/site_address.py); give PUBLIC_BASE_URL yourself when a proxy serves the site elsewhere.
setup run: export PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)
setup: install migrate translations static demo admin ## Everything `make run` does before serving

# The background worker (newsletter sends, webhook deliveries) runs beside the server and gets a TERM when
# the server stops: it finishes the task in hand and exits. Unlike runserver it does not reload on code
# changes; run `make run` again after changing a task.
run: setup ## Set up everything and serve the site on http://127.0.0.1:8000 with the background worker
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) db_worker --backend background --no-reload & worker=$$!; \
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install-dev ## ruff lint and format check, and the apps' layers (lint-imports)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: install-dev ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install-dev translations ## Django system checks and the migration check
	DJANGO_SETTINGS_MODULE=sakke_site.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=sakke_site.settings.test $(MANAGE) makemigrations --check --dry-run

# The suite runs in one process per core (TEST_PROCESSES=0: in this process, e.g. for a debugger); the
# tests of one file stay in one process.
TEST_PROCESSES ?= auto
test: lint check node_modules/.package-lock.json ## ruff, Django checks, migration check and the whole test suite
	$(VENV)/bin/pytest --numprocesses=$(TEST_PROCESSES) --dist=loadfile $(PYTEST_ARGS)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

# Outside Python tools of check-standards (openapi-python-client) in a virtualenv of their own, so that their
# pins never meet the project's.
var/standards-venv/.installed: scripts/standards/requirements.txt
	$(PYTHON) -m venv var/standards-venv
	var/standards-venv/bin/pip install --quiet -r scripts/standards/requirements.txt
	touch $@

check-all: install-dev translations node_modules/.package-lock.json var/standards-venv/.installed ## Browser end-to-end, axe and Nu HTML checks (e2e/, needs Chromium and Java)
	$(VENV)/bin/pytest e2e -p no:cacheprovider $(PYTEST_ARGS)

check-standards: install-dev translations node_modules/.package-lock.json var/standards-venv/.installed ## Public outputs through outside validators (HSDS schemas, OpenAPI and a client generated from it, ical.js, sitemap XSD, feeds, schema-dts), with a table (part of check-all)
	$(VENV)/bin/pytest e2e/test_standards.py -p no:cacheprovider $(PYTEST_ARGS)

FUZZ_EXAMPLES ?= 500
fuzz-api: install-dev translations ## schemathesis with FUZZ_EXAMPLES new requests per API operation, odd values to every parameter (long)
	SCHEMATHESIS_EXAMPLES=$(FUZZ_EXAMPLES) SCHEMATHESIS_EXPLORE=1 $(VENV)/bin/pytest -p no:cacheprovider \
		sakke_site/tests/test_openapi.py -k conforms $(PYTEST_ARGS)
	ODD_INPUT_VALUES=all $(VENV)/bin/pytest -p no:cacheprovider sakke_site/tests/test_odd_input.py $(PYTEST_ARGS)

bench-reliability: install-dev ## Load and fault runs on PostgreSQL and OpenSearch (bench/load.py, docs/reliability.md)
	$(PY) bench/load.py $(LOAD_ARGS)
	$(PY) bench/import_files.py

bench: install-dev ## Run the benchmarks in bench/ and print their figures
	@for script in $$(ls bench/*.py | grep -v -e harness.py -e load.py); do echo "== $$script"; $(PY) $$script || exit 1; done

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var
