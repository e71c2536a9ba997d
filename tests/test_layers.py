"""The layers hold: import-linter's contracts (pyproject.toml) are kept, and break when an arrow runs back up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("importlinter", reason="import-linter is in the test extra: pip install -e '.[test]'")


def lint(cwd: Path, package_parent: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(package_parent))
    return subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
                           "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))"],
                          cwd=cwd, env=env, capture_output=True, text=True)


def test_every_layer_contract_is_kept():
    done = lint(ROOT, ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    # every contract of pyproject.toml was checked
    contracts = (ROOT / "pyproject.toml").read_text().count("[[tool.importlinter.contracts]]")
    assert contracts >= 4 and f"Contracts: {contracts} kept, 0 broken." in done.stdout, done.stdout


@pytest.mark.parametrize("module, line, broken", [
    # the model reaching up into rendering
    ("model/provision.py", "from ..render import jsonout\n", "Layers"),
    # a module importing the top-level package for its version
    ("render/chart.py", "from .. import __version__\n", "top-level package"),
    # the command line doing the library's work itself
    ("cli.py", "from .compare import diff as _diff\n", "The command line is thin"),
    # rendering reaching into amend's internals
    ("render/effectsout.py", "from ..amend.apply import apply_effects\n", "never its internals"),
])
def test_an_arrow_running_back_up_breaks_a_contract(tmp_path, module, line, broken):
    shutil.copytree(ROOT / "lawdiff", tmp_path / "lawdiff", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "lawdiff" / module
    source = target.read_text()
    # after the module's own imports, so that it is a real import, not a comment
    cut = source.index("\n\n", source.index("\nfrom ")) + 1
    target.write_text(source[:cut] + line + source[cut:])
    done = lint(tmp_path, tmp_path)
    assert done.returncode == 1, done.stdout
    report = done.stdout
    broken_lines = [row for row in report.splitlines() if row.endswith("BROKEN")]
    assert any(broken in row for row in broken_lines), report
