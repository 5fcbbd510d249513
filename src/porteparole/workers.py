"""Worker processes that never outlive the process that started them.

A killed ingest (SIGKILL, the OOM killer, a closed terminal) must not leave its analysis
workers behind, each holding a spaCy model (hundreds of MB) and the parent's output pipes
open, so that a script reading the ingest's output waits forever. Every worker runs
``tie_to_parent`` first (the pool's initializer):

- on Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills the worker the moment its
  parent dies, whatever killed the parent;
- everywhere, a watchdog thread that exits the worker once its parent id changes (the
  parent died and the worker was re-parented), for systems without ``prctl``;
- SIGINT ignored: Ctrl-C reaches the whole process group, and the parent alone decides to
  stop (after the batch in flight), so a worker never dies half-way through a batch.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 1.0


def tie_to_parent(parent_pid: int) -> None:
    """Make this process die with ``parent_pid`` (see the module docstring)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _death_signal()
    if os.getppid() != parent_pid:  # the parent died before we got here
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="porteparole-parent-watch",
                     daemon=True).start()


def _death_signal() -> bool:
    """Ask the Linux kernel to SIGKILL us when our parent exits; False where unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    return False


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
