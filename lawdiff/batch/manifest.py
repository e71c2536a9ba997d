"""A batch's manifest: the jobs to run, each a lawdiff command line and where its output goes.

In TOML::

    [[job]]
    command = "diff"
    args = ["old.xml", "new.xml", "--format", "json"]
    output = "out/old-new.json"

    [[job]]
    command = "index"            # index jobs add their documents to the batch's one store
    args = ["act.xml", "bill.xml"]

or in CSV, with the columns ``command``, ``args`` (shell-quoted, as typed at a prompt) and
``output``. Paths, in ``args`` and ``output``, are relative to the manifest's folder, as if
each command were typed there.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "jobs.csv")
    >>> _ = open(path, "w").write('command,args,output\\ndiff,"a.xml \\'b c.xml\\' --stat",out/ab.txt\\n')
    >>> [(j.command, j.args, j.output) for j in read_manifest(path)]
    [('diff', ('a.xml', 'b c.xml', '--stat'), 'out/ab.txt')]
"""

from __future__ import annotations

import csv
import os
import shlex
import tomllib
from dataclasses import dataclass

from ..errors import LawdiffError

# what a job may run, and whether its output is the file it writes with -o (else what it prints)
COMMANDS = ("diff", "compare", "effects", "amend", "topics", "show", "parse", "index")
_WRITES = {"diff", "compare"}  # -o is the output; amend: -o for a Keeling schedule (.pdf, .docx, .html)


@dataclass(frozen=True)
class Job:
    """One command line of a batch: ``lawdiff COMMAND ARGS...``, its output to ``output``."""

    command: str
    args: tuple[str, ...]
    output: str | None = None  # relative to ``folder``; none for index jobs
    folder: str = "."  # where the command is run: the manifest's folder
    line: int | None = None  # where the manifest gives it

    @property
    def where(self) -> str:
        return f"job {self.line}" if self.line else "job"

    @property
    def output_path(self) -> str | None:
        return os.path.join(self.folder, self.output) if self.output else None

    def writes_with_o(self) -> bool:
        """Whether the command writes the output itself (with -o) rather than printing it."""
        if self.command in _WRITES:
            return True
        return self.command == "amend" and (self.output or "").lower().endswith((".pdf", ".docx", ".html", ".htm"))


def read_manifest(path: str) -> list[Job]:
    """The jobs of a TOML or CSV manifest (by its extension; TOML otherwise), each checked.
    ``example:batch`` is the manifest shipped with lawdiff, run in the current folder."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        if path.startswith("example:"):
            from importlib import resources

            folder = os.getcwd()
            data = resources.files("lawdiff.examples").joinpath(path.split(":", 1)[1] + ".toml").read_bytes()
        else:
            with open(path, "rb") as fh:
                data = fh.read()
    except FileNotFoundError:
        raise LawdiffError("no such manifest (the one shipped is example:batch)", path) from None
    except OSError as exc:
        raise LawdiffError(f"cannot read the manifest: {exc.strerror}", path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LawdiffError(f"the manifest is not UTF-8 text (byte {exc.start})", path) from None
    raw = _csv(text, path) if path.lower().endswith(".csv") else _toml(text, path)
    jobs = [_job(entry, folder, path, line) for line, entry in raw]
    if not jobs:
        raise LawdiffError("the manifest has no jobs ([[job]] tables, or rows under command,args,output)", path)
    return jobs


def _toml(text: str, path: str) -> list[tuple[int, dict]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LawdiffError(f"the manifest is not valid TOML: {exc}", path) from None
    unknown = set(data) - {"job"}
    if unknown:
        raise LawdiffError(f"unknown table(s) {', '.join(sorted(unknown))}: a manifest has [[job]] tables", path)
    jobs = data.get("job", [])
    if not isinstance(jobs, list):
        raise LawdiffError("job must be an array of tables: [[job]]", path)
    return [(k, entry) for k, entry in enumerate(jobs, 1)]


def _csv(text: str, path: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames is None or not {"command", "args"} <= set(reader.fieldnames):
        raise LawdiffError("a CSV manifest has the columns command, args and output", path)
    out = []
    for entry in reader:
        try:
            args = shlex.split(entry.get("args") or "")
        except ValueError as exc:
            raise LawdiffError(f"args of the job on line {reader.line_num} cannot be split: {exc}", path,
                               reader.line_num) from None
        out.append((reader.line_num, {"command": entry.get("command"), "args": args,
                                      "output": entry.get("output") or None}))
    return out


def _job(entry, folder: str, path: str, line: int) -> Job:
    where = f"job {line}"
    if not isinstance(entry, dict):
        raise LawdiffError(f"{where} is not a table", path)
    unknown = set(entry) - {"command", "args", "output"}
    if unknown:
        raise LawdiffError(f"{where} has unknown field(s) {', '.join(sorted(unknown))} (expected command, args, "
                           "output)", path)
    command, args, output = entry.get("command"), entry.get("args", []), entry.get("output")
    if command not in COMMANDS:
        raise LawdiffError(f"{where}: command {command!r} is not one a batch runs ({', '.join(COMMANDS)})", path)
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        raise LawdiffError(f"{where}: args must be a list of strings, as typed after lawdiff {command}", path)
    if output is not None and (not isinstance(output, str) or not output):
        raise LawdiffError(f"{where}: output must be a file path", path)
    if command == "index":
        if output:
            raise LawdiffError(f"{where}: an index job writes to the batch's store (--store), not to an output", path)
    elif not output:
        raise LawdiffError(f"{where}: output is missing (the file the {command} job writes)", path)
    if any(a in ("-o", "--output") or a.startswith("--output=") for a in args):
        raise LawdiffError(f"{where}: give the file written as the job's output, not with -o in its args", path)
    if command == "index" and any(a in ("--store", "--rebuild") or a.startswith("--store=") for a in args):
        raise LawdiffError(f"{where}: the batch's --store is the one store every index job writes", path)
    return Job(command, tuple(args), output, folder, line)
