#!/usr/bin/env bash
# `make run`: the task worker (bulk documents and other background work) in the background,
# the development server in the foreground; stopping the server stops the worker too.
set -euo pipefail
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}
"$PY" manage.py db_worker --interval 1 >var/worker.log 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
"$PY" manage.py runserver "127.0.0.1:${PORT}"
