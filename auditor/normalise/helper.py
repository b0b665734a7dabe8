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

import gc
import os
import pickle
import struct
import subprocess
import sys
import threading
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None  # type: ignore[assignment]

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
_COUNT = struct.Struct("<Q")
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
        self._reader: threading.Thread | None = None
        self._pieces: dict[str, Any] = {}
        for stream in (self._proc.stdin, self._proc.stdout):
            _widen(stream)

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def normalise(
        self, raws: Mapping[str, pd.Series], default_region: str
    ) -> tuple[Any, ...] | None:
        """Send the raw values of some kinds, a kind at a time; returns a handle for
        :meth:`results`, or None if the helper is gone.

        A thread here takes each kind's piece as soon as the helper has made it, so the
        helper never holds more than one kind's work (at a million accounts its pieces
        together are a gigabyte)."""
        proc = self._proc
        if not raws or proc is None or proc.stdin is None or proc.stdin.closed:
            return None
        if proc.poll() is not None:
            return None
        self._reader = threading.Thread(
            target=self._collect, args=(proc,), name="auditor-helper-reader", daemon=True
        )
        self._reader.start()
        try:
            for kind, raw in raws.items():
                _send(proc.stdin, (kind, raw, default_region))
            _send(proc.stdin, None)  # that is all
        except OSError:
            self.close()
            return None
        return tuple(raws)

    def _collect(self, proc: subprocess.Popen[bytes]) -> None:
        """The reader thread: pieces until the helper says it is done or ends. A kind it
        could not normalise (``"error"``) is skipped — it is done here — and the rest
        still read."""
        try:
            while proc.stdout is not None:
                message = _receive(proc.stdout)
                if isinstance(message, tuple) and message[:1] == ("ok",):
                    _, kind, piece = message
                    self._pieces[kind] = piece
                elif not (isinstance(message, tuple) and message[:1] == ("error",)):
                    return  # "done", or garbage
        except Exception:  # whatever went wrong there, the missing kinds are done here
            return

    def results(self, handle: tuple[Any, ...] | None) -> dict[str, Any] | None:
        """The pieces the helper made for the kinds sent (those it could not make are
        missing: the caller normalises them itself), or None if it made none."""
        reader = self._reader
        if handle is None or reader is None:
            return None
        reader.join()
        self._reader = None
        pieces, self._pieces = self._pieces, {}
        if len(pieces) < len(handle):  # it failed somewhere: no waiting for it to end
            proc = self._proc
            if proc is not None and proc.poll() is None:
                proc.kill()
            self.close()
        return pieces or None

    def finish(self) -> None:
        """Tell the helper there is no more work (it exits when its input closes),
        without waiting for it to exit: :meth:`close` reaps it later."""
        proc = self._proc
        if proc is None:
            return
        if proc.stdin is not None and not proc.stdin.closed:
            proc.stdin.close()
        if self._reader is None and proc.stdout is not None and not proc.stdout.closed:
            proc.stdout.close()

    def close(self) -> None:
        """Stop the helper and wait for it (killed if it has not exited in 5 s, or at
        once if its answers are no longer wanted)."""
        proc = self._proc
        if proc is None:
            return
        if self._reader is not None:  # given up on mid-way: stop it, then its reader
            proc.kill()
            self._reader.join()
            self._reader = None
        self.finish()
        self._proc = None
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _widen(stream: IO[bytes] | None) -> None:
    """A pipe of a megabyte, not 64 kB (Linux): the reader thread takes a kind's piece
    in a few reads, each of which waits for the interpreter lock while this process
    normalises, instead of thousands."""
    setsize = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if stream is None or setsize is None:
        return
    try:
        fcntl.fcntl(stream.fileno(), setsize, 1 << 20)
    except OSError:  # a lower system limit: the default pipe works, more slowly
        pass


def _send(stream: IO[bytes], obj: object) -> None:
    """One message: the header, the sizes of the out-of-band buffers, the pickle, then
    the buffers themselves. Arrow's and numpy's buffers go out of band (pickle protocol
    5): written from where they are, not copied into the pickle first."""
    buffers: list[pickle.PickleBuffer] = []
    data = pickle.dumps(obj, protocol=5, buffer_callback=buffers.append)
    views = [b.raw() for b in buffers]
    stream.write(_HEADER.pack(_TAG, len(data)))
    stream.write(_COUNT.pack(len(views)))
    stream.write(b"".join(_COUNT.pack(v.nbytes) for v in views))
    stream.write(data)
    for view in views:
        stream.write(view)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """One message of :func:`_send`: the buffers are read into memory of their own,
    which the unpickled arrays then use as they are."""
    tag, size = _HEADER.unpack(_read_exactly(stream, _HEADER.size))
    if tag != _TAG or size > _MAX_MESSAGE:
        raise EOFError("not a message from the helper")
    (count,) = _COUNT.unpack(_read_exactly(stream, _COUNT.size))
    if count > _MAX_MESSAGE // _COUNT.size:
        raise EOFError("not a message from the helper")
    sizes = struct.unpack(f"<{count}Q", _read_exactly(stream, count * _COUNT.size))
    if sum(sizes) > _MAX_MESSAGE:
        raise EOFError("not a message from the helper")
    data = _read_exactly(stream, size)
    buffers = []
    for n in sizes:
        buffer = bytearray(n)
        _fill(stream, memoryview(buffer))
        buffers.append(buffer)
    return pickle.loads(data, buffers=buffers)


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("helper closed its output")
    return data


def _fill(stream: IO[bytes], view: memoryview) -> None:
    while len(view):
        n = stream.readinto(view)  # type: ignore[attr-defined]
        if not n:
            raise EOFError("helper closed its output")
        view = view[n:]


def serve(inp: IO[bytes], out: IO[bytes]) -> None:
    """The helper's loop: requests ``(kind, raw values, default region)`` up to ``None``
    (all read first, so the parent is never held up sending), each then answered as
    soon as it is done with ``("ok", kind, piece)`` (or ``("error", kind, traceback)``),
    then ``("done",)`` and the helper ends (one audit, one helper). Each kind's values
    and piece are let go once answered."""
    from auditor.normalise import normalise_piece, warm_up

    warm_up()
    # This process is ours: what is loaded by now (the normalisers' tables) lives until
    # it ends, so the collector need not walk it again (gc.freeze).
    gc.collect()
    gc.freeze()
    requests = []
    while True:
        try:
            request = _receive(inp)
        except EOFError:
            return
        if request is None:
            break
        requests.append(request)
    requests.reverse()  # popped from the end: in the order sent
    while requests:
        kind, raw, region = requests.pop()
        try:
            reply: tuple[str, str, object] = ("ok", kind, normalise_piece(kind, raw, region))
        except Exception:  # reported to the parent, which normalises the kind itself
            reply = ("error", kind, traceback.format_exc())
        del raw
        try:
            _send(out, reply)
        except OSError:  # the parent has stopped listening: nothing more to do
            return
        del reply
    try:
        _send(out, ("done",))
    except OSError:
        return


def main() -> None:
    """The helper process's entry point: the protocol owns the real stdout, and
    anything printed goes to stderr."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.stdin.buffer, out)
    try:
        out.close()
    except OSError:  # a pipe the parent closed: what was left unsent is not wanted
        pass
