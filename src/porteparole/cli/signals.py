"""SIGTERM and Ctrl-C during a long command: finish the batch in flight, then stop.

``stop_requests`` installs handlers that only note the request; the command asks
``StopRequest.requested`` between units of work and returns normally, so the store is left
consistent and the user gets a one-line summary instead of a traceback. A second Ctrl-C
stops at once (``KeyboardInterrupt``), for a user who will not wait.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType


@dataclass
class StopRequest:
    """The signal that asked to stop, if any."""

    signal_name: str | None = None

    def requested(self) -> bool:
        return self.signal_name is not None

    @property
    def exit_code(self) -> int:
        """The shell's convention: 128 + the signal number."""
        number = signal.SIGTERM if self.signal_name == "SIGTERM" else signal.SIGINT
        return 128 + int(number)


@contextmanager
def stop_requests() -> Iterator[StopRequest]:
    """Note SIGTERM and SIGINT instead of dying, for the duration of the block."""
    request = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield request  # signal handlers can only be set from the main thread
        return

    def note(number: int, frame: FrameType | None) -> None:
        if request.signal_name == "SIGINT" and number == signal.SIGINT:
            raise KeyboardInterrupt
        request.signal_name = signal.Signals(number).name

    previous = {sig: signal.signal(sig, note) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield request
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
