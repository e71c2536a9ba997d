"""``python -m lawdiff`` and the ``lawdiff`` command.

A signal that comes while lawdiff is still being imported (the first half second) ends it
quietly, as one comes later does: one line and exit status 128 + the signal, never a traceback.
"""

import signal
import sys


def _early(signum, frame):
    sys.stderr.write(f"lawdiff: interrupted ({signal.Signals(signum).name})\n")
    sys.exit(128 + signum)


def run() -> None:
    held = {s: signal.signal(s, _early) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    from .cli import main  # (the cli puts SIGINT back, and stops on SIGTERM and SIGHUP as on SIGINT)

    signal.signal(signal.SIGINT, held[signal.SIGINT])
    main(prog_name="lawdiff")


if __name__ == "__main__":
    run()
