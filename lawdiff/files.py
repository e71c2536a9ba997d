"""Replacing a file in one step: the only way lawdiff writes one.

The bytes go to a temporary file in the same folder, are flushed to disk (fsync) and
renamed over the target: a reader sees the old file or the new one, never half of
either, and a run interrupted by a signal (held while the temporary file is made, so
that its name is always known to the cleanup) leaves the old file as it was.
:mod:`lawdiff.render.output` adds the rules for output files (which files may be
replaced); the cache of fetched documents writes through here too.

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> replace_atomically(os.path.join(folder, "a.txt"), b"new")
    >>> open(os.path.join(folder, "a.txt"), "rb").read(), os.listdir(folder)
    (b'new', ['a.txt'])
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile

_STOPPING = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


@contextlib.contextmanager
def signals_held():
    """Hold SIGINT, SIGTERM and SIGHUP for the block (they are delivered as it ends)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def replace_atomically(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step (through a symbolic link: the link stays and its
    file is replaced). Raises :class:`OSError`; never leaves a temporary file behind."""
    target = os.path.realpath(path)
    directory = os.path.dirname(target)
    tmp = None
    try:
        with signals_held():
            fd, tmp = tempfile.mkstemp(prefix=".lawdiff-", suffix=".part", dir=directory)
        # mkstemp makes the file private (0600); give it the mode a plain open() would, or the
        # mode of the file it replaces
        os.fchmod(fd, os.stat(target).st_mode & 0o777 if os.path.exists(target) else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
