#!/usr/bin/env bash
# One ASGI process (HTTP + websockets) and one background worker; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
.venv/bin/celery -A heymilo worker --loglevel=warning --pool=threads --concurrency=2 &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM
.venv/bin/uvicorn heymilo.asgi:application --host "$HOST" --port "$PORT" --no-access-log --lifespan off
