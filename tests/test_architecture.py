"""The house keeps its layers (docs/architecture.md): the import-linter contract holds and
would fail on an upward import; no app imports another's private names; every import inside a
function says why it is there."""

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The apps the contract names (a new app joins there and is copied with the rest).
APPS = tuple(
    tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]
)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

needs_linter = pytest.mark.skipif(
    not LINT_IMPORTS.exists(), reason="import-linter is not installed in this environment"
)


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(cwd / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
    )


@needs_linter
def test_the_layers_contract_holds():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@needs_linter
def test_the_contract_fails_when_documents_imports_workflows(tmp_path):
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "documents" / "probe.py").write_text("from workflows.models import Approval\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "documents is not allowed to import workflows" in result.stdout
    assert "documents.probe -> workflows.models" in result.stdout


def modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def test_no_app_imports_another_apps_private_names():
    found = []
    for app, path in modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                other = node.module.split(".")[0]
                if other in APPS and other != app:
                    private = [a.name for a in node.names if a.name.startswith("_")]
                    if private or any(p.startswith("_") for p in node.module.split(".")[1:]):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_every_function_local_import_says_why():
    """A comment on the import's line, or heading the block of imports it belongs to."""
    silent = []
    for _app, path in modules():
        lines = path.read_text().split("\n")
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if not isinstance(inner, ast.Import | ast.ImportFrom):
                    continue
                if "#" in lines[inner.lineno - 1]:
                    continue
                above = inner.lineno - 2
                while above >= 0 and (
                    not lines[above].strip()
                    or lines[above].strip().startswith(("from ", "import ", ")"))
                    or lines[above].startswith(" " * 12)  # a continuation of a long import
                ):
                    above -= 1
                if not lines[above].strip().startswith("#"):
                    silent.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert silent == []
