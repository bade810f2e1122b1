# The index of commands. The README names two of them: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PGPORT ?= 54329
PGDATA ?= .data/pg
CORPUS ?= ../shared/corpus
BIND ?= 127.0.0.1:8000

# Without DATABASE_URL we use (and keep between runs) a project-local cluster under .data/.
ifeq ($(strip $(DATABASE_URL)),)
LOCAL_DB := 1
export DATABASE_URL := postgres://postgres@127.0.0.1:$(PGPORT)/normdiff
endif
export TREATY_CORPUS_DIR ?= $(abspath $(CORPUS))

.PHONY: run test install system-deps db db-stop migrate research corpus align serve lint format typecheck imports bench fuzz clean

run: install db migrate research corpus align serve  ## everything, then serve on http://127.0.0.1:8000

test: install system-deps db lint typecheck imports  ## lint, types, import contracts, then the whole test suite against PostgreSQL (browser tests included)
	$(PY) -m pytest

install: $(VENV)/.installed
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,semantic]'
	touch $@

system-deps:  ## Debian packages the tests need (Chromium for Playwright, PostgreSQL binaries, a TTF font for test PDFs)
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium chromium-driver"; \
	test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -z "$(LOCAL_DB)" ] || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Please install:$$missing (e.g. sudo apt-get install$$missing)"; exit 1; fi; \
	fi

db:  ## start the project-local PostgreSQL unless DATABASE_URL points elsewhere
ifdef LOCAL_DB
	scripts/pg.sh start $(PGDATA) $(PGPORT)
endif

db-stop:
	scripts/pg.sh stop $(PGDATA)

migrate:
	$(PY) manage.py migrate --no-input

research:  ## load the norm vocabulary, bibliography and literature claims (fixtures/)
	$(PY) manage.py load_research

corpus:  ## import every instrument in $(CORPUS)
	$(PY) manage.py load_corpus --dir $(TREATY_CORPUS_DIR)

align:  ## create and align the default comparisons
	$(PY) manage.py align_defaults

# gunicorn's settings (worker class, threads, timeouts) are in config/gunicorn.py, shared with the
# Docker image; production puts nginx in front (docker-compose.yml). The background worker (imports
# and alignment runs queued from the browser) runs beside gunicorn; when either stops (Ctrl-C, a
# signal, a crash) the other is stopped too.
serve:
	$(PY) manage.py collectstatic --no-input -v 0
	$(PY) manage.py db_worker --no-reload --interval 1 & worker=$$!; \
	GUNICORN_BIND=$(BIND) $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi & web=$$!; \
	trap 'kill $$web $$worker 2>/dev/null; wait' EXIT; trap 'exit 130' INT TERM; \
	wait -n $$web $$worker

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

PROJECT_PACKAGES := config core accounts treaties comparisons research
# Pure Python (no database): strict typing.
PURE_PACKAGES := comparisons/alignment treaties/parsing treaties/eids.py comparisons/overlay.py comparisons/display comparisons/corpus_index.py comparisons/exports.py

typecheck:  ## mypy with the django-stubs plugin over the whole project, strict on the pure packages
	$(VENV)/bin/mypy $(PROJECT_PACKAGES)
	$(VENV)/bin/mypy --strict $(PURE_PACKAGES)

imports:  ## the import contracts between apps (pyproject.toml [tool.importlinter])
	$(VENV)/bin/lint-imports

bench: install db migrate corpus
	$(PY) bench/import.py
	$(PY) bench/align.py
	$(PY) bench/pages.py

# schemathesis against the API's live schema, served by gunicorn from a throwaway database with the
# corpus imported and aligned; FUZZ_EXAMPLES bounds the examples per operation.
FUZZ_EXAMPLES ?= 30
fuzz: install db  ## fuzz the REST API: no 5xx, no response that violates its OpenAPI schema
	$(PY) scripts/fuzz_api.py --max-examples $(FUZZ_EXAMPLES)

clean:
	rm -rf $(VENV) .data .pytest_cache
