"""A helper process that normalises some kinds while this process does the others.

Most normalisers are per-distinct-value Python (addresses, company names, phones), so
one process uses one core. :class:`Helper` starts a Python process running :func:`main`
before the files are read — its imports overlap the reading — and
:func:`auditor.normalise.normalise_identifiers` hands it the raw values of the kinds
:func:`split_kinds` gives it. The helper is a plain child process speaking pickles over
its stdin/stdout (no multiprocessing start method, so scripts without a
``__main__`` guard and notebooks behave the same); if it fails or dies, the kinds it
had are normalised here, so the result never depends on it.
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import pandas as pd

#: Measured cost of normalising one identifier row, microseconds, per kind (100k
#: accounts: seconds of each normaliser / its rows). Only the split uses it.
COST_PER_ROW = {
    "address": 9.8,
    "company": 7.2,
    "person": 2.9,
    "phone": 2.6,
    "tax_id": 2.3,
    "email": 1.2,
    "bank": 1.1,
    "card": 0.9,
    "ip": 0.7,
    "mac": 0.6,
    "id_number": 0.6,
}

#: Each message: this tag, its length, then the pickle. Anything else on the pipe (a
#: start-up message printed before :func:`main` took stdout over) ends the exchange.
_TAG = b"AUDH"
_HEADER = struct.Struct("<4sQ")
#: No message is larger than this (a million accounts' kinds are well under it).
_MAX_MESSAGE = 1 << 36


#: The helper's work counts this much more: its values and results go through a pipe.
#: (What the normalisers load on first use is loaded in both processes while the
#: files are read: :func:`auditor.normalise.warm_up`.)
HELPER_OVERHEAD = 1.1


def split_kinds(rows: Mapping[str, int]) -> set[str]:
    """The kinds the helper should take so that both processes finish at about the same
    time (longest first, each to the side that would finish it first; deterministic)."""
    local = helper = 0.0
    given: set[str] = set()
    for kind in sorted(rows, key=lambda k: (-rows[k] * COST_PER_ROW.get(k, 1.0), k)):
        cost = rows[kind] * COST_PER_ROW.get(kind, 1.0)
        if helper + cost * HELPER_OVERHEAD < local + cost:
            helper += cost * HELPER_OVERHEAD
            given.add(kind)
        else:
            local += cost
    return given


class Helper:
    """A started helper process, for one audit; use as a context manager (it is
    stopped on exit)."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self._proc: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-c", "from auditor.normalise.helper import main; main()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,  # Ctrl-C stops the audit; the helper sees its input end
            env=env,
        )

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def normalise(
        self, raws: Mapping[str, pd.Series], default_region: str
    ) -> tuple[Any, ...] | None:
        """Send the raw values of some kinds; returns a handle for :meth:`results`, or
        None if the helper is gone."""
        proc = self._proc
        if not raws or proc is None or proc.stdin is None or proc.stdin.closed:
            return None
        if proc.poll() is not None:
            return None
        try:
            _send(proc.stdin, (dict(raws), default_region))
        except OSError:
            self.close()
            return None
        return tuple(raws)

    def results(self, handle: tuple[Any, ...] | None) -> dict[str, Any] | None:
        """The pieces the helper made for the kinds sent, or None if it failed (the
        caller then normalises them itself)."""
        proc = self._proc
        if handle is None or proc is None or proc.stdout is None or proc.stdout.closed:
            return None
        try:
            status, payload = _receive(proc.stdout)
            if status != "ok" or not isinstance(payload, dict):
                raise EOFError("the helper could not normalise its kinds")
        except Exception:  # whatever went wrong there, the kinds are done here instead
            self.close()
            return None
        return payload

    def finish(self) -> None:
        """Tell the helper there is no more work (it exits when its input closes),
        without waiting for it to exit: :meth:`close` reaps it later."""
        proc = self._proc
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            if stream is not None and not stream.closed:
                stream.close()

    def close(self) -> None:
        """Stop the helper and wait for it (killed if it has not exited in 5 s)."""
        self.finish()
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _send(stream: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(_TAG, len(data)))
    stream.write(data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError("helper closed its output")
    tag, size = _HEADER.unpack(head)
    if tag != _TAG or size > _MAX_MESSAGE:
        raise EOFError("not a message from the helper")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("helper closed its output")
    return pickle.loads(data)


def serve(inp: IO[bytes], out: IO[bytes]) -> None:
    """The helper's loop: one request (raw values per kind, default region) at a time,
    answered with ``("ok", pieces)`` or ``("error", traceback)``; ends at end of input."""
    from auditor.normalise import normalise_piece, warm_up

    warm_up()
    while True:
        try:
            raws, region = _receive(inp)
        except EOFError:
            return
        try:
            pieces = {kind: normalise_piece(kind, raw, region) for kind, raw in raws.items()}
            reply: tuple[str, object] = ("ok", pieces)
        except Exception:  # reported to the parent, which normalises the kinds itself
            reply = ("error", traceback.format_exc())
        del raws
        _send(out, reply)


def main() -> None:
    """The helper process's entry point: the protocol owns the real stdout, and
    anything printed goes to stderr."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.stdin.buffer, out)
