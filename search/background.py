"""The embedded mode's outbox drain: a thread of the web process, woken after a commit.

With no broker, Celery would run the drain task eagerly inside the request that saved a
document (a registration waited for the whole outbox, and concurrent requests raced for the
same rows). Instead the commit wakes this thread, which drains in the background; wakes that
come while it works are taken by its next round. The periodic schedule (`run_schedule`,
beat) still drains whatever a process left behind when it stopped."""

import logging
import threading
import time

from django.db import connection

log = logging.getLogger(__name__)
# A round starts this long after the wake that asked for it: the commits of that moment (a
# burst of registrations, an import) go to the engine as one batch, one commit of the index,
# instead of one commit each.
GATHER_SECONDS = 0.5


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
            time.sleep(GATHER_SECONDS)
            self._wanted.clear()
            try:
                if not _drain_unless_another_process_does(services):
                    # Another process's thread is draining: its rounds take these rows too,
                    # unless they came after its last one; look again in a moment.
                    self._wanted.set()
            except Exception:  # the rows stay in the outbox for the next round or the schedule
                log.exception("background drain of the search outbox failed")
                connection.close()
            with self._guard:
                if not self._wanted.is_set():
                    # Between bursts the thread holds no connection (nor the drain lock with
                    # it); within one it keeps it: a new connection a round, in every
                    # process, cost as much as the drain.
                    connection.close()
                    self._idle.set()


def _drain_unless_another_process_does(services) -> bool:
    """One drain thread at a time across the processes of a PostgreSQL installation (a
    session advisory lock): eight workers' threads racing for the same rows each paid for
    the claim and a commit of the index. False when another holds it and rows wait."""
    if connection.vendor != "postgresql":
        services.drain_outbox()  # SQLite has one writer: drains take turns anyway
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [DRAIN_LOCK])
        if not cursor.fetchone()[0]:
            return not services.IndexTask.objects.exists()
        try:
            # While rows keep coming (a burst of registrations in several processes), the
            # holder goes on round after round, each gathering GATHER_SECONDS of commits: one
            # batch and one commit of the index a round for the whole installation, where the
            # processes taking turns each drained the few rows of their moment.
            # (A round that indexed nothing ends it: rows the engine refuses wait for the
            # schedule, not for this loop.)
            drained = services.drain_outbox()
            while drained["waiting"] and drained["done"]:
                time.sleep(GATHER_SECONDS)
                drained = services.drain_outbox()
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [DRAIN_LOCK])
    return True


DRAIN_LOCK = 0x5245474C  # "REGL": the key of the drain's advisory lock
drainer = Drainer()
