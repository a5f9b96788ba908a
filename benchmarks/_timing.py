"""Shared by the benchmark scripts (run as ``python benchmarks/<name>.py``, so this sits on sys.path)."""

from __future__ import annotations

import os


def pin_to_one_core() -> str:
    """Restrict this process to one CPU where the platform allows it; say which."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity on this platform)"
