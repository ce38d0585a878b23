"""`make run`'s embedded default: the whole schema migrates on SQLite, the database the suite
itself never runs on."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("DATABASE_URL", "REDIS_URL", "HEYMILO_REQUIRE_SERVICES", "DJANGO_SETTINGS_MODULE")


def test_every_migration_applies_to_the_embedded_sqlite(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in SERVICES}
    env |= {"VAR_DIR": str(tmp_path), "SECRET_KEY": secrets.token_urlsafe(64)}
    migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v0"]
    result = subprocess.run(migrate, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "db.sqlite3").exists()
