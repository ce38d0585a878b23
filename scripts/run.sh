#!/usr/bin/env bash
# One ASGI process (HTTP + websockets) and one background worker with the embedded scheduler
# (-B: celery beat runs the recovery sweep of heymilo/jobs.py); Ctrl-C stops both.
# In production run beat once, separately: see docs/jobs.md.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
.venv/bin/celery -A heymilo worker -B --loglevel=warning --pool=threads --concurrency=2 &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM
.venv/bin/uvicorn heymilo.asgi:application --host "$HOST" --port "$PORT" --no-access-log --lifespan off
