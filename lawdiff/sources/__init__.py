"""Where documents come from: files, the examples shipped with lawdiff, and
legislation.gov.uk by identifier, URL or catalogue name.

``example:NAME`` names a document in :mod:`lawdiff.examples`, so the README's
first command works from any folder once lawdiff is installed. A path to an
existing file always means that file; otherwise ``ukpga/2016/25``,
``https://www.legislation.gov.uk/ukpga/2016/25/section/87``, ``IPA`` or
``RIPA section 22`` are fetched (:mod:`.fetch`), through the cache.
"""

from __future__ import annotations

import os
import sys
from importlib import resources

from ..errors import LawdiffError
from ..formats.xmlsafe import Limits
from .catalog import resolve_alias
from .fetch import SourceOptions, cached_copy, fetch
from .identifiers import Reference, parse_reference


def examples() -> list[str]:
    """Names of the example documents shipped inside the package."""
    folder = resources.files("lawdiff.examples")
    return sorted(p.name.split(".")[0] for p in folder.iterdir() if p.name.endswith(".xml"))


def resolve(ref: str) -> Reference | None:
    """The legislation.gov.uk reference ``ref`` stands for, if it is not a file."""
    if os.path.exists(ref) or ref.startswith("example:"):
        return None
    found = parse_reference(ref)
    if found is None:
        alias = resolve_alias(ref)
        found = parse_reference(alias) if alias else None
    return found


def cached_source(ref: str, options: SourceOptions | None = None) -> str | None:
    """The cached file ``ref`` is read from without asking the network, if it is one."""
    remote = resolve(ref) if ref != "-" else None
    return cached_copy(remote, options or SourceOptions()) if remote is not None else None


def read_source(ref: str, limits: Limits = Limits(), options: SourceOptions | None = None) -> tuple[str, bytes]:
    """(display name, bytes) for a reference: a file path, ``-`` for standard input,
    ``example:NAME``, or a legislation.gov.uk identifier, URL or catalogue name."""
    if "\0" in ref:  # (no shell can pass one; a Python caller can)
        raise LawdiffError("a document's name cannot contain a NUL character", ref.replace("\0", "\\0"))
    if ref == "-":  # read to one byte past the limit, so that an endless stream is refused, not swallowed
        return "<stdin>", sys.stdin.buffer.read(limits.max_bytes + 1)
    remote = resolve(ref)
    if remote is not None:
        return fetch(remote, options or SourceOptions(), limits)
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
        raise LawdiffError("no such file (nor a legislation.gov.uk identifier such as ukpga/2016/25, nor a "
                           "name in lawdiff catalog)", ref) from None
    except OSError as exc:
        raise LawdiffError(f"cannot read: {exc.strerror}", ref) from None
    if os.path.isdir(ref):
        raise LawdiffError("is a directory, not a document", ref)
    if size > limits.max_bytes:
        raise LawdiffError(f"file is {size:,} bytes, over the limit of {limits.max_bytes:,} "
                           "(raise it with --max-bytes)", ref)
    try:
        with open(ref, "rb") as fh:  # (a device or a pipe has no size: read one byte past the limit)
            return ref, fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise LawdiffError(f"cannot read: {exc.strerror}", ref) from None
