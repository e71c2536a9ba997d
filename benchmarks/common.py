"""What every benchmark needs: where the real documents are, and a best-of-N timer."""

from __future__ import annotations

import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def need_shared() -> None:
    """Stop with a reason when the real documents are not beside the repository."""
    if not SHARED.is_dir():
        sys.exit(f"benchmarks need {SHARED}")


def best(fn, repeat: int) -> tuple[float, object]:
    """The fastest of ``repeat`` runs of ``fn`` (this machine is shared and noisy), and its result."""
    fastest, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest, value
