"""Where a batch's jobs run: here, one after another (:class:`Serial`); on a pool of local
processes (:class:`Local`, ``--jobs N``); or on a Dask distributed cluster (:class:`Dask`,
``--scheduler tcp://HOST:PORT``). lawdiff grows no scheduler of its own: the pool is the
standard library's, the cluster Dask's. Each engine takes :class:`~lawdiff.batch.job.Task`
and gives back :class:`~lawdiff.batch.job.Result` as jobs finish, whatever order that is.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import replace
from typing import Iterator

from ..errors import LawdiffError
from .job import Result, Task, document, run_sent, run_task


class Engine:
    name = "engine"
    ships = False  # whether documents go to the workers as bytes (they may not see the client's disk)

    def map(self, tasks: list[Task]) -> Iterator[Result]:  # pragma: no cover - each engine has its own
        raise NotImplementedError

    def close(self) -> None:
        pass


class Serial(Engine):
    """One job after another, in this process."""

    name = "serial"

    def map(self, tasks: list[Task]) -> Iterator[Result]:
        for task in tasks:
            yield run_task(task)


class Local(Engine):
    """A pool of ``jobs`` processes on this machine (default: one per core)."""

    name = "local"

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = jobs or os.cpu_count() or 1
        self.name = f"local ({self.jobs} processes)"

    def map(self, tasks: list[Task]) -> Iterator[Result]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        if not tasks:
            return
        # spawned, not forked: a worker starts clean, whatever threads the caller has running
        with ProcessPoolExecutor(max_workers=min(self.jobs, len(tasks)),
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {pool.submit(run_task, task): task for task in tasks}
            for future in as_completed(futures):
                yield _outcome(future, futures[future])


class Dask(Engine):
    """A Dask distributed cluster, by its scheduler's address (``tcp://HOST:PORT``) or a
    ``distributed.Client``. Its workers need lawdiff installed (``pip install 'lawdiff[dask]'``).
    Documents go with each job as bytes unless ``shared`` (the workers see the same paths: a
    shared disk). A job whose worker dies is run again elsewhere, up to ``retries`` times."""

    ships = True

    def __init__(self, scheduler, shared: bool = False, retries: int = 3, timeout: float = 10) -> None:
        try:
            import distributed
        except ImportError:
            raise LawdiffError("--scheduler needs Dask's distributed client: pip install 'lawdiff[dask]'") from None
        self.ships = not shared
        self.retries = retries
        if isinstance(scheduler, distributed.Client):
            self.client, self.owned = scheduler, False
        else:
            try:
                self.client = distributed.Client(scheduler, timeout=timeout, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise LawdiffError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
            self.owned = True
        self.name = f"dask ({self.client.scheduler.address})"
        self.run_id = uuid.uuid4().hex[:8]  # task keys are this run's own

    def key(self, task: Task) -> str:
        return f"lawdiff-job-{task.number}-{self.run_id}"

    def map(self, tasks: list[Task]) -> Iterator[Result]:
        from distributed import as_completed

        if not tasks:
            return
        # each document goes to the cluster once, however many jobs read it, as a task of its own
        # (not scattered data: a task the scheduler can run again if the worker holding it dies)
        documents = {rel: data for t in tasks for rel, data in (t.files or ())}
        sent = {rel: self.client.submit(document, data, key=f"lawdiff-document-{k}-{self.run_id}", pure=False,
                                        retries=self.retries)
                for k, (rel, data) in enumerate(sorted(documents.items()), 1)}
        bare = [replace(t, files=None) for t in tasks]
        files = [None if t.files is None else {rel: sent[rel] for rel, _ in t.files} for t in tasks]
        futures = self.client.map(run_sent, bare, files, key=[self.key(t) for t in tasks], pure=False,
                                  retries=self.retries)
        by_key = {f.key: t for f, t in zip(futures, tasks)}
        for future in as_completed(futures, loop=self.client.loop):
            yield _outcome(future, by_key[future.key])

    def close(self) -> None:
        if self.owned:
            self.client.close()


def _outcome(future, task: Task) -> Result:
    """A finished future's result; a job whose process died (and, on Dask, died again on every
    retry) is a failed job, not a failed batch."""
    try:
        return future.result()
    except Exception as exc:  # BrokenProcessPool, KilledWorker, a worker without lawdiff ...
        return Result(task.number, "failed", None, 0.0, error=f"lawdiff: error: the job's worker failed: "
                      f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")


def engine_for(jobs: int | None = None, scheduler=None, shared: bool = False) -> Engine:
    """The engine ``--jobs`` and ``--scheduler`` ask for: a cluster if a scheduler is named, else
    a local pool (``jobs=1``: one job after another, in this process)."""
    if scheduler is not None:
        return Dask(scheduler, shared=shared)
    if jobs == 1:
        return Serial()
    return Local(jobs)
