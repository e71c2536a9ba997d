"""Running a batch: every job of a manifest on an engine, each output written as it comes back.

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> manifest = os.path.join(folder, "jobs.toml")
    >>> _ = open(manifest, "w").write('''
    ... [[job]]
    ... command = "diff"
    ... args = ["example:surveillance-act", "example:surveillance-act-amended", "--format", "json"]
    ... output = "out/act.json"
    ... [[job]]
    ... command = "show"
    ... args = ["example:surveillance-act", "s. 1(1)"]
    ... output = "out/s1.txt"
    ... ''')
    >>> from lawdiff.batch import Serial
    >>> report = run(manifest, Serial())
    >>> [(r.status, r.counts) for r in report.results], report.exit_status
    ([('differences', '8 changes'), ('ok', '')], 1)
    >>> sorted(os.listdir(os.path.join(folder, "out")))
    ['act.json', 's1.txt']
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from typing import Iterable

from ..errors import LawdiffError
from ..progress import Progress
from ..render.output import check_replaceable, write_atomic
from ..store import Store
from .engines import Engine, Local
from .job import EXECUTE, Result, Task
from .manifest import Job, read_manifest
from .report import Report


def run(jobs: str | os.PathLike | Iterable[Job], engine: Engine | None = None, *, store: str | None = None,
        force: bool = False, mirror: str | None = None, progress: Progress | None = None,
        execute: str = EXECUTE) -> Report:
    """Run every job (a manifest's path, or :class:`Job` values) on ``engine`` (default: a pool of
    local processes, one per core), and write each output as its job finishes (atomically; a
    failed job writes nothing). A job whose output is newer than all its input files is skipped
    unless ``force``. Index jobs' documents go into the one ``store`` (default: the search
    store's), written here only. ``mirror`` is passed to every job (LAWDIFF_MIRROR). A failing
    job never stops the others: see :attr:`Report.exit_status`."""
    if isinstance(jobs, (str, os.PathLike)):
        jobs = read_manifest(os.fspath(jobs))
    jobs = list(jobs)
    engine = engine or Local()
    env = (("LAWDIFF_MIRROR", os.path.abspath(mirror)),) if mirror else ()
    start = time.perf_counter()
    results: dict[int, Result] = {}
    tasks: list[Task] = []
    for number, job in enumerate(jobs, 1):
        if not force and up_to_date(job):
            results[number] = Result(number, "skipped", None, 0.0)
            continue
        if job.output_path:
            try:
                os.makedirs(os.path.dirname(job.output_path), exist_ok=True)
                if job.writes_with_o():  # as -o would: someone's file is not replaced (what a command
                    check_replaceable(job.output_path)  # prints goes to its output as > would send it)
            except OSError as exc:
                results[number] = Result(number, "failed", 2, 0.0, error=f"lawdiff: error: cannot write "
                                         f"{job.output_path}: {exc.strerror}")
                continue
            except LawdiffError as exc:
                results[number] = Result(number, "failed", 2, 0.0, error=f"lawdiff: error: {exc}")
                continue
        tasks.append(Task(number, job, execute, _files(job) if engine.ships else None, env))
    opened: Store | None = None
    try:
        for result in engine.map(tasks):
            job = jobs[result.number - 1]
            try:
                if result.entries and opened is None:
                    opened = Store(store)  # the one store, written by this process only
                result = _keep(result, job, opened)
            except LawdiffError as exc:
                result = replace(result, status="failed", error=f"lawdiff: error: {exc}")
            results[result.number] = replace(result, data=None, entries=())
            if progress:
                failed = sum(r.status == "failed" for r in results.values())
                progress(f"{len(results)}/{len(jobs)} jobs" + (f" ({failed} failed)" if failed else ""))
    finally:
        if opened is not None:
            opened.close()
        engine.close()
    if progress:
        progress("")
    return Report(tuple(jobs), tuple(results[n] for n in range(1, len(jobs) + 1)), engine.name,
                  time.perf_counter() - start)


def _keep(result: Result, job: Job, opened: Store | None) -> Result:
    """Write what a finished job gave: its output file, or its entries to the store."""
    if result.status not in ("ok", "differences"):
        return result
    try:
        if result.entries and opened is not None:
            for e in result.entries:
                opened.add_entry(e)
        elif job.output_path is not None and result.data is not None:
            os.makedirs(os.path.dirname(job.output_path), exist_ok=True)
            write_atomic(job.output_path, result.data, force=not job.writes_with_o())
    except (LawdiffError, OSError) as exc:
        return replace(result, status="failed", error=f"lawdiff: error: {exc}")
    return result


def inputs(job: Job) -> list[str]:
    """The files a job reads: its arguments that name a file (or folder) in the job's folder."""
    out = []
    for arg in job.args:
        if arg.startswith("-") or arg.startswith("example:"):
            continue
        path = os.path.join(job.folder, arg)
        if os.path.isfile(path):
            out.append(path)
        elif os.path.isdir(path):
            out.extend(os.path.join(d, f) for d, _, fs in os.walk(path) for f in sorted(fs))
    return out


def up_to_date(job: Job) -> bool:
    """Whether the job's output is newer than every file it reads (a job that reads no file,
    only identifiers or examples, is always run)."""
    if not job.output_path or not os.path.isfile(job.output_path):
        return False
    read = inputs(job)
    if not read:
        return False
    made = os.stat(job.output_path).st_mtime_ns
    return all(os.stat(p).st_mtime_ns < made for p in read)


def _files(job: Job) -> tuple[tuple[str, bytes], ...]:
    """The job's files as bytes, by their paths relative to its folder, to go with it. A file
    outside the folder (an absolute path, ../) is not sent: the worker must see it itself."""
    out = []
    folder = os.path.abspath(job.folder)
    for path in inputs(job):
        absolute = os.path.abspath(path)
        named_absolutely = any(os.path.isabs(a) and os.path.abspath(a) == absolute for a in job.args)
        if named_absolutely or not absolute.startswith(folder + os.sep):
            continue
        with open(absolute, "rb") as fh:
            out.append((os.path.relpath(absolute, folder), fh.read()))
    return tuple(out)
