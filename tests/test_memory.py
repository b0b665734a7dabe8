"""Arrow on the system allocator (shared with numpy), unless the user chose a pool."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SHOW_POOL = "import auditor, pyarrow as pa; print(pa.default_memory_pool().backend_name)"


@pytest.mark.parametrize(("chosen", "expected"), [("", "system"), ("mimalloc", "mimalloc")])
def test_arrow_pool_is_the_system_allocator_unless_chosen(chosen: str, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    if chosen:
        env["ARROW_DEFAULT_MEMORY_POOL"] = chosen
    out = subprocess.run(
        [sys.executable, "-c", SHOW_POOL], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == expected
