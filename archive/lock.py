"""One crawl at a time per archive: a lock file beside the database.

Cron may start a run while the previous one is still going (a slow site, a
long first crawl).  Two runs writing one archive would waste requests and
fight over the file, so the second one stops at once and says who holds the
lock.  The lock is an flock on DB.lock, released by the kernel when the
holder exits, however it exits: a killed run leaves no stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


class ArchiveLocked(Exception):
    """Another process is crawling into this archive."""


def lock_path(db_path: str | Path) -> Path:
    path = Path(db_path)
    return path.with_name(path.name + ".lock")


@contextmanager
def crawl_lock(db_path: str | Path) -> Iterator[None]:
    """Hold the archive's crawl lock, or raise ArchiveLocked at once."""
    path = lock_path(db_path)
    handle = open(path, "a+")  # noqa: SIM115 - held open for the lock's lifetime
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise ArchiveLocked(
                f"{db_path} is being crawled by {holder}; this run stops (lock file {path})"
            ) from None
        with suppress(OSError):  # a full disk: the lock holds all the same, without saying whose
            handle.seek(0)
            handle.truncate()
            handle.write(f"process {os.getpid()}")
            handle.flush()
        yield
    finally:
        with suppress(OSError):
            handle.close()
