"""The embedded mode's outbox drain: a thread of the web process, woken after a commit.

With no broker, Celery would run the drain task eagerly inside the request that saved a
document (a registration waited for the whole outbox, and concurrent requests raced for the
same rows). Instead the commit wakes this thread, which drains in the background; wakes that
come while it works are taken by its next round. The periodic schedule (`run_schedule`,
beat) still drains whatever a process left behind when it stopped."""

import logging
import threading

from django.db import close_old_connections, connection

log = logging.getLogger(__name__)


class Drainer:
    def __init__(self):
        self._wanted = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._guard = threading.Lock()
        self._thread = None

    def wake(self):
        with self._guard:
            # A forked process (a server's workers) has no thread of its parent's.
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="search-outbox", daemon=True)
                self._thread.start()
            self._idle.clear()
            self._wanted.set()

    def wait_idle(self, timeout: float) -> bool:
        """Whether every wake so far has been drained within `timeout` seconds (for tests
        and the shutdown of a command)."""
        return self._idle.wait(timeout)

    def _run(self):
        from . import services  # services imports this module to wake it

        while True:
            self._wanted.wait()
            self._wanted.clear()
            try:
                close_old_connections()
                services.drain_outbox()
            except Exception:  # the rows stay in the outbox for the next round or the schedule
                log.exception("background drain of the search outbox failed")
                connection.close()
            with self._guard:
                if not self._wanted.is_set():
                    self._idle.set()


drainer = Drainer()
