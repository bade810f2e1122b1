"""HTTPS=on is the one switch for TLS deployments: `check --deploy` then has no HTTPS warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTTPS_WARNINGS = ("security.W004", "security.W008", "security.W012", "security.W016")


def check_deploy(**env: str) -> str:
    environment = {**os.environ, "DEBUG": "", **env}
    environment.pop("HTTPS", None)
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    return result.stdout + result.stderr


@pytest.mark.parametrize("warning", HTTPS_WARNINGS)
def test_with_https_on_check_deploy_has_no_https_warning(warning):
    assert warning not in check_deploy(HTTPS="on")


def test_without_the_switch_the_warnings_are_still_there():
    output = check_deploy()
    assert all(warning in output for warning in HTTPS_WARNINGS), output


def test_with_https_on_a_plain_http_request_is_redirected_and_cookies_are_secure():
    code = (
        "import django; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
        " s.SECURE_PROXY_SSL_HEADER)"
    )
    environment = {**os.environ, "HTTPS": "on", "DJANGO_SETTINGS_MODULE": "config.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert out.stdout.split() == ["True", "True", "True", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')"], out
