"""The process the pipeline runs in, tuned once at its start (the CLI's, a benchmark's)."""

from __future__ import annotations

import os


def tune_allocator() -> bool:
    """Tell glibc's allocator to keep no "fast bins" (mallopt M_MXFAST 0): comparing or
    merging documents frees trees of millions of small nodes, and with fast bins on,
    the first larger allocation after that (the output's bytes, say) stops to coalesce
    them all, a tenth of a second after a long Recommendation; without, each free
    coalesces as it goes (paired whole-process runs of `itudraft redline` on the
    Recommendation pair: 6% faster, the same peak). Elsewhere than glibc, nothing is
    done. Returns whether it was done."""
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return False
        import ctypes

        return ctypes.CDLL(None).mallopt(1, 0) == 1  # M_MXFAST is 1; 1 is success
    except (ImportError, ValueError, OSError, AttributeError):
        return False
