"""``python -m lawdiff`` and the ``lawdiff`` command.

A signal that comes while lawdiff is still being imported (the first half second) ends it
quietly, as one comes later does: one line and exit status 128 + the signal, never a traceback.
"""

import os
import signal
import sys


def _early(signum, frame):
    # nothing is open or half-written yet: leave at once (an exception raised in the middle of
    # importing a C extension is not reliably an exit)
    sys.stderr.write(f"lawdiff: interrupted ({signal.Signals(signum).name})\n")
    sys.stderr.flush()
    os._exit(128 + signum)


def run() -> None:
    held = {}
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(s) is not signal.SIG_IGN:  # ignored (nohup, a background job): it stays so
            held[s] = signal.signal(s, _early)
    from .cli import main  # (the cli puts SIGINT back, and stops on SIGTERM and SIGHUP as on SIGINT)

    for s, handler in held.items():
        signal.signal(s, handler)
    main(prog_name="lawdiff")


if __name__ == "__main__":
    run()
