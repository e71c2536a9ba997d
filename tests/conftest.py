"""Shared test fixtures. Real legislation lives in ../shared beside the repository."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STATUTES = SHARED / "statutes"
KEELING = SHARED / "keeling"


def shared(*parts: str) -> pathlib.Path:
    """A file under ../shared, or skip the test with a reason when ../shared is absent."""
    path = SHARED.joinpath(*parts)
    if not SHARED.is_dir():
        pytest.skip(f"real legislation folder {SHARED} is absent")
    if not path.exists():
        pytest.skip(f"{path} is absent from ../shared")
    return path


# Documents legislation.gov.uk serves in both CLML and Akoma Ntoso (see ../shared/statutes/*PROVENANCE*).
UK_PAIRS = [
    "ukpga-2024-9",
    "ukpga-2000-8-section-91@2024-11-22",
    "ukla-2017-1@enacted",
    "uksi-2025-3@made",
    "ukdsi-2023-cts-2015-risk-revised-guidance",
]


class Ran:
    """What a command run in this process gave: as much of ``subprocess.CompletedProcess`` as the
    tests read (``returncode``, ``stdout``, ``stderr``)."""

    def __init__(self, args, returncode: int, stdout: str, stderr: str, stdout_bytes: bytes) -> None:
        self.args, self.returncode, self.stdout, self.stderr, self.stdout_bytes = \
            args, returncode, stdout, stderr, stdout_bytes


def lawdiff_run(*args, env: dict | None = None, cwd=None, input=None) -> Ran:
    """Run ``lawdiff ARGS`` in this process through click's test runner: the same command, exit
    status and output as ``python -m lawdiff`` with pipes, without starting Python each time.
    ``env`` is the whole environment, as subprocess takes it. An exception that escapes the
    command is raised here, so that a traceback the user would see fails the test."""
    import os

    from click.testing import CliRunner

    from lawdiff.cli import main

    changes = None
    if env is not None:
        changes = {k: v for k, v in env.items() if os.environ.get(k) != v}
        changes.update({k: None for k in os.environ if k not in env})
    here = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(main, [str(a) for a in args], prog_name="lawdiff", env=changes, input=input)
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(args, result.exit_code, result.stdout, result.stderr, result.stdout_bytes)
