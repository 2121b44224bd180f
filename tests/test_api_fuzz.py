"""A bounded schemathesis run against a live server (issue #20): no answer is a 500 and every
answer matches the published schema. Selected with `-m fuzz` (.ci/run runs it on its own);
the ordinary suite skips it."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from django.core.management import call_command
from django.test import override_settings

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db(transaction=True)]

SEED = 20
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "10"))
TIMEOUT = 600  # seconds: the whole run is a few minutes; a hung one fails instead of stalling
CHECKS = "not_a_server_error,response_schema_conformance"
USER = "clerk"
PASSWORD = "reglament"  # the demo users' password (demo/)


def api_credentials(base_url, username, password) -> dict[str, str]:
    """Headers that authenticate the fuzzer as `username`: the session cookie of a sign-in
    through the login form, and the CSRF token DRF's session authentication wants on unsafe
    methods. The one place to change when the API's authentication changes."""
    session = requests.Session()
    login = f"{base_url}/accounts/login/"
    page = session.get(login, timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    session.post(
        login,
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": login},
        timeout=30,
    )
    cookies = session.cookies.get_dict()
    assert "sessionid" in cookies, "the sign-in failed"
    return {
        "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        "X-CSRFToken": cookies["csrftoken"],
    }


def test_the_api_answers_every_generated_request_by_its_schema(live_server, settings, tmp_path):
    # The live server speaks plain HTTP: its cookies must come back over it.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    with override_settings(DEBUG=True):  # load_demo refuses to run otherwise
        call_command("load_demo", verbosity=0)
    schema = tmp_path / "schema.json"
    call_command("spectacular", file=str(schema), format="openapi-json", validate=True)
    headers = api_credentials(live_server.url, USER, PASSWORD)
    report = tmp_path / "report"
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        str(schema),
        "--url",
        live_server.url,
        "--checks",
        CHECKS,
        "--seed",
        str(SEED),
        "--max-examples",
        str(MAX_EXAMPLES),
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--phases",
        "examples,coverage,fuzzing",
        "--request-timeout",
        "30",
        "--no-color",
        "--report",
        "junit",
        "--report-dir",
        str(report),
        *[part for name, value in headers.items() for part in ("-H", f"{name}: {value}")],
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, cwd=tmp_path)
    print(run.stdout[-20000:])
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
