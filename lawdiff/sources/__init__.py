"""Where documents come from. For now: files, and the examples shipped with lawdiff.

``example:NAME`` names a document in :mod:`lawdiff.examples`, so the README's
first command works from any folder once lawdiff is installed.
"""

from __future__ import annotations

import os
from importlib import resources

from ..errors import LawdiffError
from ..formats.xmlsafe import Limits


def examples() -> list[str]:
    """Names of the example documents shipped inside the package."""
    folder = resources.files("lawdiff.examples")
    return sorted(p.name.split(".")[0] for p in folder.iterdir() if p.name.endswith(".xml"))


def read_source(ref: str, limits: Limits = Limits()) -> tuple[str, bytes]:
    """(display name, bytes) for a reference: a file path or ``example:NAME``."""
    if ref.startswith("example:"):
        name = ref.split(":", 1)[1]
        folder = resources.files("lawdiff.examples")
        for entry in folder.iterdir():
            if entry.name.split(".")[0] == name and entry.name.endswith(".xml"):
                return ref, entry.read_bytes()
        raise LawdiffError(f"no example named {name!r}; examples: {', '.join(examples())}")
    try:
        size = os.stat(ref).st_size
    except FileNotFoundError:
        raise LawdiffError("no such file", ref) from None
    except OSError as exc:
        raise LawdiffError(f"cannot read: {exc.strerror}", ref) from None
    if os.path.isdir(ref):
        raise LawdiffError("is a directory, not a document", ref)
    if size > limits.max_bytes:
        raise LawdiffError(f"file is {size:,} bytes, over the limit of {limits.max_bytes:,} "
                           "(raise it with --max-bytes)", ref)
    try:
        with open(ref, "rb") as fh:
            return ref, fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise LawdiffError(f"cannot read: {exc.strerror}", ref) from None
