"""lawdiff's version, as installed (one place: pyproject.toml).

Read from the installed distribution's metadata, so that no module has to import the
top-level package (which imports everything) to learn it.

    >>> __version__.count(".") >= 1
    True
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("lawdiff")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
