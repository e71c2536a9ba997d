"""Every console example in the README is the command's real output (issue 16, point 4).

Each ``$ lawdiff ...`` line of a ``console`` block is run (in this process, in a folder where
the documents it names are: ../shared's statutes, the invented amending.xml of
tests/test_effects.py) and what it prints, standard output then standard error, is compared
with the lines under it. In those lines " ..." stands for words left out (the rest of a long
line, or words inside it), and a line of "..." alone for lines left out; everything else must
be as printed.
"""

from __future__ import annotations

import os
import re
import shlex

import pytest

from conftest import ROOT, STATUTES, lawdiff_run

README = (ROOT / "README.md").read_text()


def examples() -> list[tuple[str, list[str]]]:
    """(command, the lines shown under it) for every command of every console block."""
    out = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for command in re.split(r"^(?=\$ )", block, flags=re.M):
            if command.startswith("$ "):
                first, *shown = command.rstrip("\n").split("\n")
                out.append((first[2:], shown))
    return out


def pattern(line: str) -> re.Pattern:
    """A line as shown, " ..." standing for any words."""
    parts = re.split(r" \.\.\.(?= |$)", line)
    return re.compile(".*".join(re.escape(p) for p in parts) + r"\Z")


def shows(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is what ``expected`` shows (a line of "..." alone: any lines)."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(shows(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and bool(pattern(expected[0]).match(actual[0])) and shows(expected[1:], actual[1:])


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    if not STATUTES.is_dir():
        pytest.skip(f"real legislation folder {STATUTES} is absent")
    from test_effects import TWO_INSTRUCTIONS

    here = tmp_path_factory.mktemp("readme")
    for sub in ("uk", "us"):
        for name in os.listdir(STATUTES / sub):
            os.symlink(STATUTES / sub / name, here / name)
    (here / "amending.xml").write_text(TWO_INSTRUCTIONS)
    return here


def test_the_readme_has_console_examples_of_the_commands():
    commands = {shlex.split(c)[1] for c, _ in examples()}
    assert {"compare", "show", "diff", "topics", "define", "effects", "amend", "index", "search"} <= commands


@pytest.mark.parametrize("command, shown", examples(), ids=[c for c, _ in examples()])
def test_a_console_example_is_what_the_command_prints(folder, command, shown):
    words = shlex.split(command)
    assert words[0] == "lawdiff"
    env = dict(os.environ, LAWDIFF_STORE=str(folder / "index.sqlite3"), NO_COLOR="1")
    done = lawdiff_run(*words[1:], cwd=folder, env=env)
    printed = (done.stdout + done.stderr).rstrip("\n").split("\n") if done.stdout + done.stderr else []
    assert shows(shown, printed), "the README shows:\n" + "\n".join(shown) + "\n\nthe command prints:\n" + \
        "\n".join(printed[:40])
