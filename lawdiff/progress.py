"""Progress on a terminal: the one helper every long command uses.

Progress goes to standard error only when it is a terminal, never into logs or pipes,
as one line rewritten in place ("lawdiff: laying out page 212… (41.3 s)"). Where there
is no terminal, :func:`terminal_progress` gives ``None`` and callers say nothing.

    >>> import io
    >>> terminal_progress(io.StringIO()) is None
    True
"""

from __future__ import annotations

import sys
import time
from typing import Callable

Progress = Callable[[str], None]


def terminal_progress(stream=None) -> Progress | None:
    """A function that shows one progress message at a time, with the seconds since it was made;
    ``None`` unless ``stream`` (default stderr) is a terminal. Call it with ``""`` to end the line."""
    stream = stream or sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()):
        return None
    start = time.monotonic()

    def say(message: str) -> None:
        if not message:
            stream.write("\n")
        else:
            stream.write(f"\rlawdiff: {message}… ({time.monotonic() - start:.1f} s)\x1b[K")
            if message.startswith("writing"):
                stream.write("\n")
        stream.flush()

    return say
