"""Settings read from the environment are checked in a fresh interpreter: the test process's
own settings were fixed when it started."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def environment(*, drop: tuple[str, ...], **values) -> dict:
    """This process's environment without the variables starting with `drop` (and without its
    settings module), plus `values` on the project's own settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(drop) and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update(READ_DOT_ENV="0", DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings", **values)
    return env


def run_django(env: dict, code: str = "") -> subprocess.CompletedProcess:
    """`django.setup()` and then `code` in a new interpreter with `env`."""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
