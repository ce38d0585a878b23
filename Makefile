# `make run` serves the product with embedded defaults; `make test` runs the whole suite.
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
VAR_DIR ?= $(CURDIR)/var
export HOST PORT VAR_DIR

.PHONY: run test test-cluster lint bench clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The embedded default's signing key: random, made once, kept beside the SQLite file.
$(VAR_DIR)/secret-key:
	mkdir -p $(VAR_DIR)
	(umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@)

run: $(VENV)/.runtime $(VAR_DIR)/secret-key
	$(PY) scripts/compile_translations.py
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py seed_demo
	exec scripts/run.sh

test: $(VENV)/.dev
	scripts/test.sh
	scripts/test-cluster.sh

# deploy/ on loopback (HAProxy, two web nodes, two workers, beat, S3) with failures under it.
test-cluster: $(VENV)/.dev
	scripts/test-cluster.sh

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/lint-imports

bench: $(VENV)/.dev $(VAR_DIR)/secret-key
	$(PY) bench/ingest.py

clean:
	rm -rf $(VENV) var
