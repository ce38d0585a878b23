#!/usr/bin/env bash
# The cluster test (tests/cluster/): the deployment of deploy/ — HAProxy, two web nodes, two
# workers, beat — and an S3 server (moto) on loopback, over throwaway PostgreSQL and Redis that
# this script starts and stops; nodes, workers, PostgreSQL and Redis fail under live interviews.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
source scripts/services.sh
trap services_stop EXIT
services_start

export HEYMILO_REQUIRE_SERVICES=1
export DJANGO_SETTINGS_MODULE=heymilo.settings
export VAR_DIR="$SERVICES_DIR/var"
.venv/bin/python -m pytest tests/cluster "$@"
