"""Settings that guard the deployment: the signing key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRONG = "k" * 30 + "0123456789abcdefghij"


def start(tmp_path, **env) -> subprocess.CompletedProcess:
    """Load the settings in a fresh interpreter, as a server process would."""
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    clean.update(VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="heymilo.settings", **env)
    code = "import django; django.setup(); from django.conf import settings; print('ok')"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    "key",
    ["", "dev-only-insecure-secret-key-change-me-in-production", "change-me", "short-key"],
)
def test_it_refuses_to_start_without_a_strong_key_when_debug_is_off(tmp_path, key):
    result = start(tmp_path, SECRET_KEY=key, DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "50 random characters" in result.stderr


def test_it_starts_with_a_strong_key_from_the_environment_or_var_dir(tmp_path):
    assert start(tmp_path, SECRET_KEY=STRONG).stdout.strip() == "ok"
    (tmp_path / "secret-key").write_text(STRONG + "\n")
    assert start(tmp_path).stdout.strip() == "ok"


def test_debug_without_a_key_uses_a_development_key(tmp_path):
    assert start(tmp_path, DEBUG="true").stdout.strip() == "ok"


def test_make_run_keeps_a_random_key_in_var_dir(tmp_path):
    subprocess.run(
        ["make", "-s", f"VAR_DIR={tmp_path}", f"{tmp_path}/secret-key"], cwd=ROOT, check=True
    )
    key = (tmp_path / "secret-key").read_text().strip()
    assert len(key) >= 64 and (tmp_path / "secret-key").stat().st_mode & 0o077 == 0
    assert start(tmp_path).stdout.strip() == "ok"


def test_check_deploy_passes_with_debug_off_a_strong_key_and_an_https_public_url(tmp_path):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is for this test process, not a deployment.
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="heymilo.settings",
        DEBUG="false",
        SECRET_KEY=STRONG,
        PUBLIC_URL="https://jobs.example.com",
        ALLOWED_HOSTS="jobs.example.com",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_production_environment_in_deploy_passes_check_deploy_once_its_key_is_set(tmp_path):
    from scripts.cluster import DEPLOY, env_file

    production = env_file(DEPLOY / "heymilo.env")
    assert production["SECRET_KEY"] == "", "deploy/heymilo.env must not ship a key"
    keep = ("PATH", "HOME", "LANG")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(production, VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="heymilo.settings")
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    refused = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert refused.returncode != 0 and "SECRET_KEY" in refused.stderr
    env["SECRET_KEY"] = STRONG
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0 and "no issues" in result.stdout, result.stdout + result.stderr
