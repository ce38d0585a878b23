"""Ingest benchmark: one bulk call of 10,000 candidates, and the cost of the candidate list.

    .venv/bin/python bench/ingest.py [--rows 10000]      # against DATABASE_URL (SQLite default)
    bench/with-services.sh bench/ingest.py               # against throwaway PostgreSQL + Redis

It creates a throwaway test database, so it never touches your data.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heymilo.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from heymilo.accounts.services import api_key_create, workspace_get_or_create  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args.rows)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(rows: int) -> None:
    from django.conf import settings

    settings.API_RATE_LIMIT_PER_MINUTE = 10**9
    _, raw_key = api_key_create(workspace=workspace_get_or_create(name="Bench"))
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw_key)
    print(f"database: {connection.vendor}")
    posting_id = client.post("/api/v4/postings", {"title": "Bench"}, format="json").json()
    posting_id = posting_id["data"]["id"]
    body = {
        "data": [
            {"name": f"Candidate {n}", "email": f"c{n}@example.com", "metadata": {"n": n}}
            for n in range(rows)
        ]
    }
    path = f"/api/v4/postings/{posting_id}/candidates/bulk"
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.post(path, body, format="json")
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.content[:500]
    assert response.json()["created_count"] == rows
    print(
        f"bulk ingest of {rows} new candidates: {elapsed:.2f} s "
        f"({rows / elapsed:,.0f} rows/s, {len(queries)} queries)"
    )

    started = time.perf_counter()
    again = client.post(path, body, format="json").json()
    print(
        f"bulk re-ingest of the same {rows} (all existing): "
        f"{time.perf_counter() - started:.2f} s, existing={again['existing_count']}"
    )

    list_path = f"/api/v4/postings/{posting_id}/candidates?limit="
    for limit in (1, 10, 100):
        timings = []
        for _ in range(20):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(list_path + str(limit))
                timings.append(time.perf_counter() - started)
        print(
            f"candidate list limit={limit:>3}: {len(queries)} queries, "
            f"median {statistics.median(timings) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
