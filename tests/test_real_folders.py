"""Real folders through the path users run: 40+ mixed files, the command line, reader processes, the gate.

Every bad input of the load's contract, a reader that dies, a file that hangs, an unknown State and a summary with
one junk need, mixed with good summaries in text, Word and PDF: the good ones load, each bad one is rejected alone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.__main__ import main
from tests.summaries import write_summary
from tests.test_load import _encrypted_pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "raw" / "sample"
FILE_TIMEOUT = "8"


def _sample_files(count: int) -> list[Path]:
    """Good summaries of the bundled sample, alternating text, Word and PDF."""
    by_format = {ext: sorted(SAMPLE.glob(f"*.{ext}")) for ext in ("txt", "docx", "pdf")}
    mixed = [path for trio in zip(*by_format.values(), strict=False) for path in trio]
    return mixed[:count]


def _invented_state(folder: Path) -> Path:
    # Its name is in no reference list, and the European Union, a party, is named throughout its body.
    path = write_summary(folder, "freedonia.txt", "Freedonia", number=31, reviewers="the European Union and Chile")
    text = path.read_text(encoding="utf-8").replace(
        "Freedonia has adopted several laws in this area.",
        "The European Union supported the European Union delegation; the European Union funded the review.",
    )
    path.write_text(text, encoding="utf-8")
    return path


BAD = {
    # file name -> the reason its rejection must carry
    "empty.txt": "empty_file",
    "corrupt.pdf": "corrupt_pdf",
    "locked.pdf": "encrypted_pdf",
    "binary.txt": "undecodable_text",
    "freedonia.txt": "unknown_country",
    "minutes.txt": "not_executive_summary",
    "bad_article.txt": "article_out_of_range",
    "copy_of_sample.txt": "duplicate_content",
    "huge.pdf": "too_large",
    "old_word.doc": "unsupported_type",
    "second_for_same_review.txt": "duplicate_review",
    "junk_need.txt": "validation",
    "reader-dies.txt": "unreadable",
    "reader-hangs.txt": "too_slow",
}


def build_mixed_folder(folder: Path, good: int = 30) -> dict[str, str | None]:
    """A folder as a month's mail arrives: good summaries with every bad input among them. Name -> reason or None."""
    folder.mkdir(parents=True)
    expected: dict[str, str | None] = {}
    for path in _sample_files(good):
        shutil.copy(path, folder / path.name)
        expected[path.name] = None
    first_text = next(name for name in expected if name.endswith(".txt"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage without xref")
    _encrypted_pdf(folder / "locked.pdf")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    _invented_state(folder)
    (folder / "minutes.txt").write_text("Minutes of the staff meeting.\nWe discussed the coffee machine.\n" * 20)
    write_summary(folder, "bad_article.txt", "Chile", number=8,
                  needs={2: ["Training of auditors on public finances (art. 85)."], 5: None})
    shutil.copy(folder / first_text, folder / "copy_of_sample.txt")
    with open(folder / "huge.pdf", "wb") as handle:
        handle.truncate(3 * 2**20)
    (folder / "old_word.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word file")
    state = _review_of(folder / first_text)  # a good file's State and cycle, reviewed a second time
    write_summary(folder, "second_for_same_review.txt", state[0], cycle=state[1], number=3,
                  needs={state[2]: ["Training of judges on bribery (art. 15)."]})
    # A good summary whose one junk need (two characters) fails a critical expectation.
    write_summary(folder, "junk_need.txt", "Mongolia", number=12, needs={
        2: ["Capacity-building for the staff of the asset declaration unit (art. 8).", "IT"], 5: None})
    write_summary(folder, "reader-dies.txt", "Norway", number=13)
    write_summary(folder, "reader-hangs.txt", "Japan", number=14)
    expected.update(BAD)
    return expected


def _review_of(path: Path) -> tuple[str, int, int]:
    """(State name, cycle, a chapter of that cycle) of a sample text file, read from its heading block."""
    from pipelines.classify import load_taxonomy
    from pipelines.parse import parse_file
    from pipelines.reference import Reference

    parsed = parse_file(path, path.name, Reference.load(), load_taxonomy())
    return parsed.info.country, parsed.info.cycle, parsed.info.chapters[0]


def run_cli(folder: Path, warehouse: Path, *extra: str) -> subprocess.CompletedProcess:
    """The load command line in its own process, with the reader faults of tests/fault_injection.py."""
    return subprocess.run(
        [sys.executable, "-m", "tests.fault_injection", "load", str(folder), "--warehouse", str(warehouse),
         "--no-progress", "--max-mb", "2", "--file-timeout", FILE_TIMEOUT, *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def name_of(source_file: str) -> str:
    return source_file.rsplit("/", 1)[-1]


def warehouse_rows(warehouse: Path) -> dict[str, list[tuple]]:
    """Everything a load decides, without run ids, times or the folder it ran from."""
    return {
        "documents": query(warehouse, "SELECT document_id, symbol, iso3, cycle, language, regexp_extract(source_file, "
                                      "'[^/]+$') FROM documents ORDER BY document_id"),
        "needs": query(warehouse, "SELECT * EXCLUDE (source_file) FROM needs ORDER BY need_id"),
        "chapters": query(warehouse, "SELECT * FROM document_chapters ORDER BY document_id, chapter"),
        "rejections": query(warehouse, "SELECT regexp_extract(source_file, '[^/]+$'), reason, message, location "
                                       "FROM rejections ORDER BY 1"),
    }


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> tuple[Path, dict[str, str | None]]:
    folder = tmp_path_factory.mktemp("mixed") / "incoming"
    return folder, build_mixed_folder(folder)


@pytest.fixture(scope="module")
def parallel_load(mixed, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    folder, _ = mixed
    warehouse = tmp_path_factory.mktemp("parallel") / "warehouse.duckdb"
    return run_cli(folder, warehouse), warehouse


def test_the_mixed_folder_is_real_size(mixed):
    _, expected = mixed
    assert len(expected) >= 40
    assert {name.rsplit(".", 1)[-1] for name in expected} >= {"txt", "docx", "pdf", "doc"}


def test_mixed_folder_loads_every_good_file_and_rejects_each_bad_one_alone(mixed, parallel_load):
    _, expected = mixed
    done, warehouse = parallel_load
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    loaded = sorted(name_of(f) for (f,) in query(warehouse, "SELECT source_file FROM documents"))
    assert loaded == sorted(name for name, reason in expected.items() if reason is None)
    rejected = {name_of(f): reason for f, reason in query(warehouse, "SELECT source_file, reason FROM rejections")}
    assert rejected == {name: reason for name, reason in expected.items() if reason}
    for message, action in query(warehouse, "SELECT message, action FROM rejections"):
        assert len(message) > 20 and len(action) > 20
    assert query(warehouse, "SELECT status, files_rejected FROM load_runs") == [
        ("published_with_rejections", len(BAD))]


def test_the_junk_need_quarantines_its_document_alone(parallel_load):
    done, warehouse = parallel_load
    [(message, location, action)] = query(
        warehouse, "SELECT message, location, action FROM rejections WHERE reason = 'validation'")
    assert "text_not_empty" in message and "'IT'" in message
    assert location and location.startswith("line ")
    assert "rest of the batch was validated without it" in action
    assert query(warehouse, "SELECT count(*) FROM documents WHERE iso3 = 'MNG'") == [(0,)]
    assert "junk_need.txt" in done.stdout


def test_an_unknown_state_is_rejected_and_never_credited_to_a_party_in_its_body(parallel_load):
    _, warehouse = parallel_load
    assert query(warehouse, "SELECT count(*) FROM documents WHERE iso3 = 'EUU'") == [(0,)]
    [(message, action)] = query(warehouse, "SELECT message, action FROM rejections WHERE reason = 'unknown_country'")
    assert '"Freedonia"' in message and "country_names.csv" in action


def test_dead_and_hung_readers_cost_only_their_file(parallel_load):
    done, warehouse = parallel_load
    reasons = dict(query(warehouse, "SELECT regexp_extract(source_file, '[^/]+$'), message FROM rejections "
                                    "WHERE reason IN ('unreadable', 'too_slow')"))
    assert "killed by SIGKILL" in reasons["reader-dies.txt"]
    assert f"longer than {FILE_TIMEOUT} s" in reasons["reader-hangs.txt"]
    assert query(warehouse, "SELECT count(*) FROM documents WHERE iso3 IN ('NOR', 'JPN')") == [(0,)]


def test_side_files_stay_beside_the_warehouse(parallel_load):
    _, warehouse = parallel_load
    assert (warehouse.parent / "published" / "manifest.json").exists()
    assert (warehouse.parent / "data_docs" / "index.html").exists()


def test_one_reader_gives_the_same_warehouse_rows(mixed, parallel_load, tmp_path):
    folder, _ = mixed
    _, parallel = parallel_load
    single = tmp_path / "warehouse.duckdb"
    done = run_cli(folder, single, "--workers", "1")
    assert done.returncode == 1, done.stdout + done.stderr
    assert warehouse_rows(single) == warehouse_rows(parallel)


def test_an_unexpected_fault_exits_3_naming_the_file(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "raw"
    folder.mkdir()
    write_summary(folder, "kenya.txt", "Kenya")
    warehouse = tmp_path / "warehouse.duckdb"

    def broken(*args, **kwargs):
        raise KeyError("needs")

    monkeypatch.setattr("pipelines.load.need_rows", broken)
    assert main(["load", str(folder), "--warehouse", str(warehouse), "--no-progress"]) == 3
    err = capsys.readouterr().err
    assert "kenya.txt" in err and "KeyError" in err and "Traceback" not in err
    assert not warehouse.exists()


# The randomized batches: a pool of good and bad files, loaded in random subsets over a warehouse loaded earlier.
POOL_BAD = {name: BAD[name] for name in ("empty.txt", "corrupt.pdf", "binary.txt", "freedonia.txt", "minutes.txt",
                                         "bad_article.txt", "old_word.doc", "junk_need.txt")}
POOL_BAD["copy_of_base.txt"] = "duplicate_content"


@pytest.fixture(scope="module")
def pool(tmp_path_factory) -> tuple[Path, Path, dict[str, str | None]]:
    root = tmp_path_factory.mktemp("pool")
    base, files = root / "base", root / "files"
    base.mkdir()
    files.mkdir()
    write_summary(base, "base_austria.txt", "Austria", number=41)
    write_summary(base, "base_kenya.txt", "Kenya", cycle=1, number=42, needs={
        3: ["Training of investigators on money-laundering (art. 23)."], 4: ["Legal advice on extradition (art. 44)."]})
    expected: dict[str, str | None] = {}
    for path in _sample_files(51):
        shutil.copy(path, files / path.name)
        expected[path.name] = None
    (files / "empty.txt").write_bytes(b"")
    (files / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage without xref")
    (files / "binary.txt").write_bytes(bytes(range(256)) * 64)
    _invented_state(files)
    (files / "minutes.txt").write_text("Minutes of the staff meeting.\n" * 20)
    write_summary(files, "bad_article.txt", "Chile", number=8, needs={2: ["Training (art. 85)."], 5: None})
    (files / "old_word.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word file")
    write_summary(files, "junk_need.txt", "Mongolia", number=12, needs={2: ["Training of judges (art. 8).", "IT"]})
    shutil.copy(base / "base_austria.txt", files / "copy_of_base.txt")
    expected.update(POOL_BAD)
    return base, files, expected


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_batches_load_each_good_file_once_and_record_each_bad_one(pool, data):
    base, files, expected = pool
    names = sorted(expected)
    size = data.draw(st.integers(min_value=1, max_value=60), label="batch size")
    batch = data.draw(st.permutations(names), label="order")[:size]
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        warehouse = scratch / "warehouse.duckdb"
        assert main(["load", str(base), "--warehouse", str(warehouse), "--no-progress"]) == 0
        before = warehouse_rows(warehouse)
        folder = scratch / "batch"
        folder.mkdir()
        for name in batch:
            shutil.copy(files / name, folder / name)
        code = main(["load", str(folder), "--warehouse", str(warehouse), "--no-progress"])
        good = sorted(name for name in batch if expected[name] is None)
        bad = {name: expected[name] for name in batch if expected[name]}
        assert code == (2 if not good else 1 if bad else 0)
        documents = [name_of(f) for (f,) in query(warehouse, "SELECT source_file FROM documents")]
        assert sorted(documents) == sorted(good + ["base_austria.txt", "base_kenya.txt"])
        rejected = {name_of(f): reason for f, reason in query(warehouse, "SELECT source_file, reason FROM rejections")}
        assert rejected == bad
        after = warehouse_rows(warehouse)
        base_ids = {row[0] for row in before["documents"]}
        assert [row for row in after["documents"] if row[0] in base_ids] == before["documents"]
        assert [row for row in after["needs"] if row[1] in base_ids] == before["needs"]
