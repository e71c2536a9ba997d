"""Many lawdiff commands at once: ``lawdiff batch MANIFEST`` and ``lawdiff.batch(jobs, engine=…)``.

A manifest (:mod:`.manifest`) lists jobs, each a lawdiff command line and its output; an
engine (:mod:`.engines`) runs them, here, on a pool of local processes or on a Dask cluster;
each job is the command line itself, run where the engine runs it (:mod:`.job`); the client
writes every output as it comes back, and the one search store for index jobs
(:mod:`.runner`); the report says what each job did (:mod:`.report`). The package is also
the call of its name: ``lawdiff.batch(manifest)`` is :func:`.runner.run`.

    >>> import lawdiff
    >>> lawdiff.batch.Serial().name, lawdiff.batch.read_manifest is lawdiff.batch.manifest.read_manifest
    ('serial', True)
"""

from __future__ import annotations

from ..lazy import exports

_NAMES = {"Job": "manifest", "read_manifest": "manifest", "COMMANDS": "manifest", "Task": "job", "Result": "job",
          "run_task": "job", "Engine": "engines", "Serial": "engines", "Local": "engines", "Dask": "engines",
          "engine_for": "engines", "Report": "report", "run": "runner", "up_to_date": "runner"}
__getattr__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)


def _call(*args, **kwargs):
    """``lawdiff.batch(jobs, engine=None, ...)``: :func:`lawdiff.batch.runner.run`."""
    from .runner import run

    return run(*args, **kwargs)
