"""The end-of-run check that no test leaves files in the repository (tests/conftest.py) sees what it must."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.repo_tree import left_behind, untracked_files


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=folder,
                   check=True, capture_output=True)


def test_new_and_rewritten_files_are_seen_caches_are_not(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".gitignore").write_text("docs/\n*.duckdb\n")
    (repo / "kept.txt").write_text("tracked")
    (repo / "old.duckdb").write_text("there before the run")
    _git(repo, "add", ".gitignore", "kept.txt")
    _git(repo, "commit", "-q", "-m", "start")
    before = untracked_files(repo)
    assert before is not None and set(before) == {"old.duckdb"}

    (repo / "docs" / "site").mkdir(parents=True)
    (repo / "docs" / "site" / "index.html").write_text("written by a test")  # ignored, still left behind
    (repo / "stray.png").write_text("untracked")
    (repo / "kept.txt").write_text("a change to a tracked file is git's business, not this check's")
    (repo / "pkg" / "__pycache__").mkdir(parents=True)
    (repo / "pkg" / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"")
    (repo / ".pytest_cache").mkdir()
    (repo / ".pytest_cache" / "README.md").write_text("cache")
    assert left_behind(before, untracked_files(repo)) == ["docs/site/index.html", "stray.png"]

    stamp = (repo / "old.duckdb").stat().st_mtime
    os.utime(repo / "old.duckdb", (stamp + 10, stamp + 10))
    assert "old.duckdb" in left_behind(before, untracked_files(repo))


def test_outside_a_checkout_there_is_nothing_to_compare(tmp_path):
    assert untracked_files(tmp_path) is None
