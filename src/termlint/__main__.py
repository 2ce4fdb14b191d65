"""The `termlint` command and `python -m termlint`: `cli.main` run as a program.

A check of one small file is mostly start-up and shutdown, so the program (not `cli.main`,
which other code may call) does two things a library must not:

* the cycle collector is paused while termlint's modules are imported (they make
  thousands of long-lived objects and no garbage; `cli` pauses it again while the rules
  load, then sets what was loaded apart), and afterwards runs every 10,000 new container
  objects rather than every 700: checking makes many short-lived tuples and lists and
  almost no reference cycles, and its collections were a fortieth of a small run;
* SIGTERM is handled as Ctrl-C (KeyboardInterrupt), so that its clean-up runs;
* once the exit code is known and the output flushed, the process ends at once
  (`os._exit`) instead of tearing the interpreter down object by object, a twentieth of
  such a run. Only when nothing else may still need the interpreter: no thread or process
  pool was started (their clean-up runs at normal exit).
"""
from __future__ import annotations

import gc
import os
import sys

_YOUNG_LIMIT = 10_000  # new container objects between two collections of the youngest generation


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a CI job cancelled, `kill`) ends the run as Ctrl-C does: a fix being written
    leaves no temporary file, and `-j` workers are stopped."""
    raise KeyboardInterrupt


def run() -> int:
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    gc.disable()
    gc.set_threshold(_YOUNG_LIMIT)
    try:
        from termlint import cache

        cache.install_re()
        from termlint.cli import main
    finally:
        gc.enable()
    code = main()
    if _can_end_now():
        _end(code)
    return code


def _can_end_now() -> bool:
    return "threading" not in sys.modules and "multiprocessing" not in sys.modules


def _end(code: int) -> None:
    """Flush what was written and end the process with `code` (unless a flush fails: the
    interpreter's own exit then reports it as usual)."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: the stream was closed when the process started
                stream.flush()
    except Exception:  # noqa: BLE001 - a broken or closed stream: the interpreter's exit reports it
        return
    os._exit(code)


if __name__ == "__main__":
    raise SystemExit(run())
