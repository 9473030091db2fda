"""Reader processes: each file is parsed in a child process, so a crash, a hang or a death costs only that file."""

from __future__ import annotations

import os
import pickle
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipelines.errors import Rejection
from pipelines.parse import FailedFile, ParsedDocument, file_sha256

DEFAULT_FILE_TIMEOUT = 60.0
POLL_SECONDS = 0.5

Outcome = ParsedDocument | FailedFile
ParseOne = Callable[[Path], Outcome]


@dataclass
class _Reader:
    """One child process and the file it is reading (None when idle)."""

    process: object
    conn: Connection
    task: tuple[int, Path] | None = None
    started: float = 0.0


def _serve(conn: Connection, parse_one: ParseOne, source_name: Callable[[Path], str]) -> None:
    """Child loop: read (index, path) tasks until None, answer each with (index, outcome) as plain picklable data."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it ends the children.
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        try:
            outcome = parse_one(path)
        except BaseException as exc:  # noqa: BLE001 - anything a parser raises costs only its file
            outcome = _failed(path, source_name(path), "unreadable",
                              f"could not be read: {type(exc).__name__}: {exc}",
                              "open the file to check it is a readable executive summary; if it is, report this")
        try:
            conn.send((index, outcome))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            conn.send((index, _failed(path, source_name(path), "unreadable",
                                      f"was read, but its result could not be passed back: {exc}",
                                      "report this message with the file")))


def _failed(path: Path, source_file: str, reason: str, message: str, action: str) -> FailedFile:
    try:
        sha256 = file_sha256(path)
    except OSError:
        sha256 = None
    return FailedFile(source_file, sha256, Rejection(reason, message, action))


def _describe_death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"was killed by {name}"
    return f"exited with code {exitcode}"


def read_files(
    files: list[Path],
    parse_one: ParseOne,
    source_name: Callable[[Path], str],
    *,
    workers: int,
    file_timeout: float = DEFAULT_FILE_TIMEOUT,
    on_result: Callable[[], None] = lambda: None,
) -> list[Outcome]:
    """Parse every file in `workers` child processes; outcomes in the order of files, one per file, always.

    A reader that dies (killed, out of memory, a crash in a native library) is replaced and its file is rejected as
    unreadable; a file that takes longer than file_timeout seconds is rejected as too slow and its reader killed.
    """
    context = get_context("fork")
    results: list[Outcome | None] = [None] * len(files)
    pending: deque[tuple[int, Path]] = deque(enumerate(files))

    def start() -> _Reader:
        parent_end, child_end = context.Pipe()
        process = context.Process(target=_serve, args=(child_end, parse_one, source_name), daemon=True)
        process.start()
        child_end.close()
        return _Reader(process, parent_end)

    def assign(reader: _Reader) -> None:
        reader.task = pending.popleft() if pending else None
        if reader.task is None:
            return
        reader.started = time.monotonic()
        try:
            reader.conn.send(reader.task)
        except OSError:
            # The reader died while idle: give its task to a fresh one.
            pending.appendleft(reader.task)
            reader.task = None
            assign(replace(reader))

    def settle(reader: _Reader, outcome: Outcome) -> None:
        index, _ = reader.task
        results[index] = outcome
        on_result()

    def replace(reader: _Reader) -> _Reader:
        reader.conn.close()
        reader.process.join(timeout=5)
        fresh = start()
        readers[readers.index(reader)] = fresh
        return fresh

    readers = [start() for _ in range(max(1, min(workers, len(files))))]
    try:
        for reader in readers:
            assign(reader)
        while any(reader.task for reader in readers):
            busy = [reader for reader in readers if reader.task]
            now = time.monotonic()
            nearest = min(reader.started + file_timeout for reader in busy)
            ready = wait(
                [r.conn for r in busy] + [r.process.sentinel for r in busy],
                timeout=max(0.0, min(POLL_SECONDS, nearest - now)),
            )
            for reader in busy:
                _, path = reader.task
                name = source_name(path)
                answer = None
                if reader.conn in ready or reader.conn.poll():
                    try:
                        answer = reader.conn.recv()
                    except (EOFError, OSError):
                        reader.process.join(timeout=5)  # the pipe closed: the reader died
                    except (pickle.UnpicklingError, TypeError, AttributeError) as exc:
                        settle(reader, _failed(path, name, "unreadable",
                                               f"was read, but its result could not be passed back: {exc}",
                                               "report this message with the file"))
                        assign(replace(reader))
                        continue
                if answer is not None:
                    settle(reader, answer[1])
                    assign(reader)
                elif not reader.process.is_alive():
                    settle(reader, _failed(
                        path, name, "unreadable",
                        f"could not be read: the reader process {_describe_death(reader.process.exitcode)} while "
                        "reading it (a crash in the PDF or Word library, or not enough memory)",
                        "open the file to check it is not damaged; save it again (e.g. print to PDF) and reload",
                    ))
                    assign(replace(reader))
                elif time.monotonic() - reader.started > file_timeout:
                    reader.process.kill()
                    settle(reader, _failed(
                        path, name, "too_slow",
                        f"took longer than {file_timeout:g} s to read and was stopped",
                        "check the file (a very large or damaged PDF?); raise --file-timeout if it is genuine",
                    ))
                    assign(replace(reader))
    finally:
        for reader in readers:
            _stop(reader)
    missing = [str(files[i]) for i, outcome in enumerate(results) if outcome is None]
    assert not missing, f"no outcome for {missing}"
    return results  # type: ignore[return-value]


def _stop(reader: _Reader) -> None:
    try:
        if reader.task is None:
            reader.conn.send(None)
    except (OSError, BrokenPipeError):
        pass
    reader.process.join(timeout=2)
    if reader.process.is_alive():
        reader.process.kill()
        reader.process.join(timeout=5)
    reader.conn.close()


def default_workers() -> int:
    return os.cpu_count() or 1
