"""Giving freed memory back to the operating system between pipeline stages.

Each stage frees most of what it allocated, but the allocators keep the pages: Arrow's
memory pool (mimalloc) for text columns, glibc's malloc for numpy and Python objects.
Neither can reuse the other's pages, so the next stage grows the process anyway. At a
million accounts that is over a gigabyte after normalising (measured: 3.98 GB resident,
2.80 GB after releasing). :func:`release_free_memory` hands it back; it frees nothing
that is still in use.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable

import pyarrow as pa


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        if not name:
            return None
        libc = ctypes.CDLL(name)
        trim: Callable[[int], int] = libc.malloc_trim  # glibc only
        return trim
    except (OSError, AttributeError):
        return None


def release_free_memory() -> None:
    """Return the free pages of Arrow's pool and of the C heap to the system."""
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
