#!/usr/bin/env bash
# Runs a benchmark against throwaway PostgreSQL and Redis: bench/with-services.sh bench/ingest.py
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
source scripts/services.sh
trap services_stop EXIT
services_start
.venv/bin/python "$@"
