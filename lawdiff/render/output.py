"""Writing output files so that a failure never leaves half a file behind.

The bytes go to a temporary file in the same directory, are flushed to disk,
and the file is renamed over the target in one step: a reader sees the old file
or the new one, never a mixture, and an interrupted run leaves the old one intact.
"""

from __future__ import annotations

import os
import tempfile

from ..errors import LawdiffError


def write_atomic(path: str, data: bytes | str) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise LawdiffError(f"cannot write {path}: no such directory {directory}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lawdiff-", suffix=".part", dir=directory)
    except OSError as exc:
        raise LawdiffError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise LawdiffError(f"cannot write {path}: {exc.strerror}") from None
        raise
