"""One job, run where an engine runs it: a local process, a process of a pool, a Dask worker.

The job is the lawdiff command line itself, run in this process by the command line's own
code (named by ``execute``, ``"lawdiff.cli:execute"``, and imported where the job runs), in
the manifest's folder, as if typed there: so its output is byte for byte what the command
gives alone. Its output comes back as bytes, and the client writes it: workers need not
share a disk with the client, and no two processes write one file. Index jobs give back the
store's entries for the client to write to its one store.

Documents may come with the job, as bytes (``files``): they are laid out in a scratch folder
under the same relative paths, and the job runs there.

Jobs in one process run one at a time (a lock): the job changes the working folder, and
lawdiff is pure Python, so threads would not run two at once anyway.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace

from .manifest import Job

_LOCK = threading.Lock()
EXECUTE = "lawdiff.cli:execute"


@dataclass(frozen=True)
class Task:
    """A job as sent to where it runs."""

    number: int  # its place in the manifest, from 1
    job: Job
    execute: str = EXECUTE  # module:function running one command line: (args, env) -> (status, stdout, stderr)
    files: tuple[tuple[str, bytes], ...] | None = None  # its documents, by path relative to its folder
    env: tuple[tuple[str, str], ...] = ()  # LAWDIFF_MIRROR, for every job


@dataclass(frozen=True)
class Result:
    """What came of a job."""

    number: int
    status: str  # ok | differences | failed | skipped
    exit_code: int | None
    seconds: float
    counts: str = ""  # "8 changes", "28 of 29 amendments applied", "3 effects", "18 provisions"
    error: str | None = None  # the error line
    data: bytes | None = field(default=None, repr=False)  # the output, for the client to write
    entries: tuple = field(default=(), repr=False)  # an index job's store entries
    where: str = ""  # host:pid that ran it


def run_task(task: Task) -> Result:
    """Run ``task``; never raises (a failure is a failed :class:`Result`)."""
    start = time.perf_counter()
    with _LOCK:
        try:
            with tempfile.TemporaryDirectory(prefix="lawdiff-job-") as scratch:
                folder = task.job.folder if task.files is None else _unpack(task.files, os.path.join(scratch, "in"))
                if task.job.command == "index":
                    return _index(task, folder, start)
                return _command(task, folder, scratch, start)
        except Exception as exc:  # a job's failure is reported, never the end of the batch
            return Result(task.number, "failed", None, time.perf_counter() - start,
                          error=f"lawdiff: error: {type(exc).__name__}: {exc}".splitlines()[0], where=_where())


def document(data: bytes) -> bytes:
    """A document's bytes, as a task of a cluster's own (see :class:`~lawdiff.batch.engines.Dask`)."""
    return data


def run_sent(task: Task, files: dict[str, bytes] | None) -> Result:
    """:func:`run_task`, its documents sent apart (a cluster sends each document once)."""
    return run_task(task if files is None else replace(task, files=tuple(sorted(files.items()))))


def _where() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _unpack(files: tuple[tuple[str, bytes], ...], folder: str) -> str:
    os.makedirs(folder, exist_ok=True)
    for relative, data in files:
        target = os.path.normpath(os.path.join(folder, relative))
        if not target.startswith(folder + os.sep):
            raise ValueError(f"{relative!r} is outside the job's folder")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as fh:
            fh.write(data)
    return folder


def _resolve(name: str):
    module, _, attr = name.partition(":")
    return getattr(importlib.import_module(module), attr)


def _command(task: Task, folder: str, scratch: str, start: float) -> Result:
    job = task.job
    args = [job.command, *job.args]
    written = None
    if job.writes_with_o():
        written = os.path.join(scratch, "out", os.path.basename(job.output or "output"))
        os.makedirs(os.path.dirname(written))
        args += ["-o", written]
    with contextlib.chdir(folder):
        status, stdout, stderr = _resolve(task.execute)(args, dict(task.env))
    seconds = time.perf_counter() - start
    lines = [line for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("lawdiff: error:") or line.startswith("lawdiff: interrupted")]
    if status not in (0, 1):
        error = errors[-1] if errors else (lines[-1] if lines else f"exit status {status}")
        return Result(task.number, "failed", status, seconds, error=error, where=_where())
    if written is not None:
        if not os.path.exists(written):
            return Result(task.number, "failed", status, seconds, error="lawdiff: error: the job wrote no output",
                          where=_where())
        with open(written, "rb") as fh:
            data = fh.read()
    else:
        data = stdout
    return Result(task.number, "differences" if status == 1 else "ok", status, seconds,
                  counts=_counts(job, data if written is None else b"", lines), data=data, where=_where())


def _index(task: Task, folder: str, start: float) -> Result:
    from .. import api  # (the index jobs' own call: no output file, entries for the client's store)

    refs = [a for a in task.job.args if not a.startswith("-")]
    options = [a for a in task.job.args if a.startswith("-")]
    if options:
        return Result(task.number, "failed", 2, time.perf_counter() - start,
                      error=f"lawdiff: error: an index job takes documents only, not {options[0]}", where=_where())
    saved = {name: os.environ.get(name) for name, _ in task.env}
    os.environ.update(dict(task.env))  # (a mirror named for every job, as the commands read it)
    try:
        with contextlib.chdir(folder):
            entries = tuple(api.index_entry(ref) for ref in refs)
    except api.LawdiffError as exc:
        return Result(task.number, "failed", 2, time.perf_counter() - start, error=f"lawdiff: error: {exc}",
                      where=_where())
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    rows = sum(len(e.rows) for e in entries)
    return Result(task.number, "ok", 0, time.perf_counter() - start, counts=f"{rows} provisions",
                  entries=entries, where=_where())


_COUNTED = re.compile(r"\b(\d+ (?:of \d+ )?(?:changes?|amendments applied|effects?|provisions?))\b")


def _counts(job: Job, printed: bytes, lines: list[str]) -> str:
    """What the job counted, as its command says it: from its "wrote" line, or the last line of
    what it printed (effects: "3 effects; 100.0% of instructions understood")."""
    for line in lines:
        if line.startswith("wrote ") or line.startswith("lawdiff: ") and "effects" in line:
            found = _COUNTED.findall(line.split(": ", 1)[-1])
            if found:
                return ", ".join(found)
    if job.command in ("effects", "amend") and printed:
        tail = printed.decode("utf-8", "replace").rstrip().rsplit("\n", 1)[-1]
        found = _COUNTED.findall(tail)
        if found:
            return ", ".join(found)
        if job.command == "effects" and printed.lstrip().startswith(b"{"):
            import json

            try:
                return f"{len(json.loads(printed)['effects'])} effects"
            except (ValueError, KeyError, TypeError):
                return ""
    return ""
