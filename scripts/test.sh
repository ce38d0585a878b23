#!/usr/bin/env bash
# The whole suite: lint (ruff, import layers), then pytest (API, schemathesis, engine, protocol, browser) against
# throwaway PostgreSQL and Redis that this script starts and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
# axe-core for the accessibility checks, pinned by package-lock.json.
[ -f node_modules/axe-core/axe.min.js ] || npm ci --no-audit --no-fund --silent
source scripts/services.sh
trap services_stop EXIT
services_start

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports  # the layers of .importlinter, and no circles inside a package

.venv/bin/python scripts/compile_translations.py
export HEYMILO_REQUIRE_SERVICES=1
export DJANGO_SETTINGS_MODULE=heymilo.settings
export VAR_DIR="$SERVICES_DIR/var"
# tests/cluster runs on its own servers (scripts/test-cluster.sh): it restarts them.
.venv/bin/python -m pytest --ignore=tests/cluster "$@"
