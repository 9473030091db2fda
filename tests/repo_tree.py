"""What a test run leaves in the repository tree: files git does not track (ignored ones included), caches aside."""

from __future__ import annotations

import subprocess
from pathlib import Path

# Written by Python and the tools themselves, not by the tests.
CACHES = frozenset({"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache", ".venv", ".hypothesis"})


def untracked_files(root: Path) -> dict[str, float] | None:
    """Untracked and ignored files under root with their modification times; None outside a git checkout."""
    try:
        status = subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "--untracked-files=all", "-z", "--", ".", ":!.venv"],
            cwd=root, capture_output=True, text=True, timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if status.returncode != 0:
        return None
    files: dict[str, float] = {}
    for entry in status.stdout.split("\0"):
        if entry[:3] not in ("?? ", "!! "):
            continue
        name = entry[3:]
        if CACHES.intersection(Path(name).parts) or name.endswith((".pyc", ".pyo")):
            continue
        try:
            files[name] = (root / name).stat().st_mtime
        except OSError:
            continue
    return files


def left_behind(before: dict[str, float], after: dict[str, float]) -> list[str]:
    """Files that appeared, or were rewritten, between the two listings."""
    return sorted(name for name, mtime in after.items() if before.get(name) != mtime)
