"""The load command with reader faults injected by file name: `python -m tests.fault_injection load ...`.

A file whose name contains "reader-dies" kills the reader process reading it (as a crash in a native PDF library
or the out-of-memory killer would); one whose name contains "reader-hangs" never finishes. Everything else is the
real command line: the same argument parsing, reader processes, validation gate and exit codes.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pipelines.load as load
from pipelines.__main__ import main

_parse_file = load.parse_file


def _parse_with_faults(path: Path, *args, **kwargs):
    if "reader-dies" in path.name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "reader-hangs" in path.name:
        time.sleep(3600)
    return _parse_file(path, *args, **kwargs)


if __name__ == "__main__":
    load.parse_file = _parse_with_faults
    sys.exit(main(sys.argv[1:]))
