"""The load run: idempotent, replaces changed files, rejects bad input without losing the rest, publishes atomically."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from fpdf import FPDF

from pipelines.__main__ import main
from pipelines.warehouse import staging_dir
from tests.summaries import summary_text, write_summary

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ["Kenya", "Brazil", "France", "Ukraine", "Viet Nam", "Ghana", "Chile", "Norway", "Poland", "Japan",
             "Nigeria", "Peru", "Spain", "Romania", "Thailand", "Senegal", "Mexico", "Italy", "Georgia", "India"]


def load(*paths: Path, warehouse: Path, extra: tuple[str, ...] = ()) -> int:
    return main(["load", *map(str, paths), "--warehouse", str(warehouse), "--no-progress", "--workers", "1", *extra])


def rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def data_snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    return {
        "needs": rows(warehouse, "SELECT * EXCLUDE (source_file) FROM needs ORDER BY need_id"),
        "documents": rows(warehouse, "SELECT document_id, symbol, iso3, cycle, first_run_id FROM documents ORDER BY 1"),
        "chapters": rows(warehouse, "SELECT * FROM document_chapters ORDER BY document_id, chapter"),
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for i, country in enumerate(COUNTRIES[:5], start=1):
        write_summary(folder, f"{country.replace(' ', '_')}.txt", country, number=i)
    return folder


def test_load_is_idempotent(corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "wh.duckdb"
    assert load(corpus, warehouse=warehouse) == 0
    first = data_snapshot(warehouse)
    assert len(first["documents"]) == 5 and len(first["needs"]) == 20
    assert load(corpus, warehouse=warehouse) == 0
    assert data_snapshot(warehouse) == first
    runs = rows(warehouse, "SELECT files_loaded, files_unchanged, needs_loaded FROM load_runs ORDER BY started_at")
    assert runs == [(5, 0, 20), (0, 5, 0)]


def test_changed_file_replaces_its_needs_and_keeps_ids(corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "wh.duckdb"
    load(corpus, warehouse=warehouse)
    before = dict(rows(warehouse, "SELECT text, need_id FROM needs WHERE country = 'Kenya'"))
    first_loaded = rows(warehouse, "SELECT first_run_id, first_loaded_at FROM documents WHERE iso3 = 'KEN'")
    changed = {2: ["Capacity-building for the staff of the asset declaration unit (art. 8).",
                   "Support for an electronic asset declaration system (art. 8)."], 5: None}
    write_summary(corpus, "Kenya.txt", "Kenya", needs=changed, number=1)
    assert load(corpus, warehouse=warehouse) == 0
    after = dict(rows(warehouse, "SELECT text, need_id FROM needs WHERE country = 'Kenya'"))
    assert len(after) == 2
    kept = next(text for text in before if text.startswith("Capacity-building for the staff"))
    assert after[kept] == before[kept]
    assert rows(warehouse, "SELECT first_run_id, first_loaded_at FROM documents WHERE iso3 = 'KEN'") == first_loaded
    assert rows(warehouse, "SELECT count(*) FROM documents")[0][0] == 5
    assert rows(warehouse, "SELECT files_replaced FROM load_runs ORDER BY started_at DESC LIMIT 1")[0][0] == 1


def _encrypted_pdf(path: Path) -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Executive summary Kenya")
    pdf.output(str(path))


def test_bad_inputs_are_rejected_and_the_rest_loads(corpus: Path, tmp_path: Path, capsys):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage without xref")
    _encrypted_pdf(corpus / "locked.pdf")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 64)
    write_summary(corpus, "atlantis.txt", "Atlantis", number=9)
    (corpus / "minutes.txt").write_text("Minutes of the staff meeting.\nWe discussed the coffee machine.\n" * 20)
    write_summary(corpus, "bad_article.txt", "Chile", number=8,
                  needs={2: ["Training of auditors on public finances (art. 85)."], 5: None})
    (corpus / "copy_of_kenya.txt").write_bytes((corpus / "Kenya.txt").read_bytes())
    with open(corpus / "huge.pdf", "wb") as handle:
        handle.truncate(50 * 2**20)
    (corpus / "old_word.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word file")

    warehouse = tmp_path / "wh.duckdb"
    assert load(corpus, warehouse=warehouse) == 1
    reasons = dict(rows(warehouse, "SELECT regexp_extract(source_file, '[^/]+$'), reason FROM rejections"))
    assert reasons == {
        "empty.txt": "empty_file",
        "corrupt.pdf": "corrupt_pdf",
        "locked.pdf": "encrypted_pdf",
        "binary.txt": "undecodable_text",
        "atlantis.txt": "unknown_country",
        "minutes.txt": "not_executive_summary",
        "bad_article.txt": "article_out_of_range",
        "copy_of_kenya.txt": "duplicate_content",
        "huge.pdf": "too_large",
        "old_word.doc": "unsupported_type",
    }
    assert rows(warehouse, "SELECT count(*) FROM documents")[0][0] == 5
    assert rows(warehouse, "SELECT count(*) FROM needs")[0][0] == 20
    for message, action in rows(warehouse, "SELECT message, action FROM rejections"):
        assert len(message) > 10 and len(action) > 10
    out = capsys.readouterr().out
    assert "atlantis.txt" in out and "what to do:" in out
    assert '"Training of auditors on public finances (art. 85)"' in out


def test_text_in_a_legacy_encoding_loads_with_a_note(tmp_path: Path, capsys):
    folder = tmp_path / "raw"
    folder.mkdir()
    text = summary_text("Côte d'Ivoire", needs={2: ["Formation des agents de la Haute Autorité (art. 6)."],
                                                5: None})
    (folder / "civ.txt").write_bytes(text.encode("cp1252"))
    warehouse = tmp_path / "wh.duckdb"
    assert load(folder, warehouse=warehouse) == 0
    assert rows(warehouse, "SELECT iso3 FROM documents") == [("CIV",)]
    assert rows(warehouse, "SELECT text FROM needs") == [("Formation des agents de la Haute Autorité (art. 6)",)]
    assert "civ.txt: text file is not UTF-8" in capsys.readouterr().out


def test_nothing_loadable_exits_2(tmp_path: Path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    assert load(folder, warehouse=tmp_path / "wh.duckdb") == 2
    assert load(tmp_path / "does-not-exist", warehouse=tmp_path / "wh.duckdb") == 2
    assert main(["load", "--no-such-flag"]) == 2


def test_second_summary_for_the_same_review_is_rejected(corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "wh.duckdb"
    load(corpus, warehouse=warehouse)
    write_summary(corpus, "kenya_again.txt", "Kenya", number=1,
                  needs={2: ["Training of judges on bribery (art. 15)."], 5: None})
    assert load(corpus, warehouse=warehouse) == 1
    assert rows(warehouse, "SELECT reason FROM rejections") == [("duplicate_review",)]
    assert rows(warehouse, "SELECT count(*) FROM needs WHERE iso3 = 'KEN'")[0][0] == 4


def test_parquet_and_manifest_are_published(corpus: Path, tmp_path: Path):
    warehouse = tmp_path / "wh.duckdb"
    load(corpus, warehouse=warehouse)
    manifest = json.loads((tmp_path / "published" / "manifest.json").read_text())
    assert manifest["tables"]["needs"]["rows"] == 20
    assert manifest["run_id"] == rows(warehouse, "SELECT run_id FROM load_runs")[0][0]
    with duckdb.connect() as con:
        assert con.execute(f"SELECT count(*) FROM '{tmp_path}/published/needs.parquet'").fetchone()[0] == 20


def _big_corpus(folder: Path, copies: int) -> None:
    folder.mkdir()
    for i in range(copies):
        country = COUNTRIES[i % len(COUNTRIES)]
        cycle = 1 + (i // len(COUNTRIES)) % 2
        needs = None if cycle == 2 else {3: ["Training of investigators on money-laundering (art. 23)."],
                                         4: ["Legal advice on extradition (art. 44)."]}
        write_summary(folder, f"{i:03d}.txt", country, cycle=cycle, needs=needs, number=i + 1)


@pytest.mark.slow
def test_kill_during_load_leaves_the_warehouse_intact(tmp_path: Path):
    warehouse = tmp_path / "wh.duckdb"
    first = tmp_path / "first"
    first.mkdir()
    write_summary(first, "austria.txt", "Austria")
    assert load(first, warehouse=warehouse) == 0
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()

    big = tmp_path / "big"
    _big_corpus(big, 40)
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines", "load", str(big), "--warehouse", str(warehouse), "--no-progress"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(staging_dir(warehouse).glob("*.duckdb")):
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before
    assert rows(warehouse, "SELECT count(*) FROM documents")[0][0] == 1
    assert load(big, warehouse=warehouse) == 0
    assert rows(warehouse, "SELECT count(*) FROM documents")[0][0] == 41
    assert list(staging_dir(warehouse).glob("*.duckdb")) == []


@pytest.mark.slow
def test_readers_never_meet_a_lock_or_a_half_load(tmp_path: Path):
    warehouse = tmp_path / "wh.duckdb"
    first = tmp_path / "first"
    first.mkdir()
    write_summary(first, "austria.txt", "Austria")
    load(first, warehouse=warehouse)
    big = tmp_path / "big"
    _big_corpus(big, 40)
    seen: set[tuple[int, int]] = set()
    errors: list[Exception] = []
    stop, published, read_after_publish = threading.Event(), threading.Event(), threading.Event()

    def read_continuously():
        while not stop.is_set():
            after = published.is_set()
            try:
                with duckdb.connect(str(warehouse), read_only=True) as con:
                    seen.add(con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM needs)")
                             .fetchone())
            except Exception as exc:  # noqa: BLE001 - any failure to read is the bug this test looks for
                errors.append(exc)
            else:
                if after:
                    read_after_publish.set()

    reader = threading.Thread(target=read_continuously)
    reader.start()
    proc = subprocess.run(
        [sys.executable, "-m", "pipelines", "load", str(big), "--warehouse", str(warehouse), "--no-progress"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    published.set()
    # A read that started after the load ended must see the published warehouse; wait for one, not for a while.
    read_after_publish.wait(timeout=60)
    stop.set()
    reader.join()
    assert read_after_publish.is_set(), "the reader never read the warehouse after the load"
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert errors == []
    final = rows(warehouse, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM needs)")[0]
    assert seen <= {(1, 4), final}
    assert final in seen


def test_a_second_concurrent_load_is_refused(corpus: Path, tmp_path: Path, capsys):
    from pipelines.warehouse import writer_lock

    warehouse = tmp_path / "wh.duckdb"
    with writer_lock(warehouse):
        assert load(corpus, warehouse=warehouse) == 2
    assert "another load is writing" in capsys.readouterr().err
    assert not os.path.exists(warehouse)


def test_prune_removes_only_documents_whose_files_are_gone_from_the_given_paths(tmp_path: Path, capsys):
    folder, other = tmp_path / "raw", tmp_path / "elsewhere"
    folder.mkdir()
    other.mkdir()
    for i, country in enumerate(COUNTRIES[:12], start=1):
        write_summary(folder, f"{country.replace(' ', '_')}.txt", country, number=i)
    write_summary(other, "Mexico.txt", "Mexico", number=13)
    warehouse = tmp_path / "wh.duckdb"
    assert load(folder, other, warehouse=warehouse) == 0
    (folder / "Kenya.txt").unlink()
    (other / "Mexico.txt").unlink()

    assert load(folder, warehouse=warehouse) == 0  # without --prune, nothing is removed
    assert rows(warehouse, "SELECT count(*) FROM documents")[0][0] == 13
    capsys.readouterr()
    assert load(folder, tmp_path / "mistyped", warehouse=warehouse, extra=("--prune",)) == 0
    out = capsys.readouterr().out
    assert "removed: 1" in out and "Kenya.txt" in out
    assert rows(warehouse, "SELECT count(*) FROM needs WHERE iso3 = 'KEN'")[0][0] == 0
    # Mexico's file was under a folder this load was not given: it stays until a load of that folder prunes it.
    assert rows(warehouse, "SELECT count(*) FROM documents WHERE iso3 = 'MEX'")[0][0] == 1
    assert rows(warehouse, "SELECT count(*) FROM documents")[0][0] == 12
    assert "Kenya.txt" in rows(warehouse, "SELECT message FROM load_runs ORDER BY started_at DESC LIMIT 1")[0][0]

    for name in ("Brazil.txt", "France.txt", "Ukraine.txt"):
        (folder / name).unlink()
    assert load(folder, warehouse=warehouse, extra=("--prune",)) == 2  # a quarter of the needs: the shrink guard
    assert rows(warehouse, "SELECT count(*) FROM documents")[0][0] == 12
    assert load(folder, warehouse=warehouse, extra=("--prune", "--allow-shrink")) == 0
    assert rows(warehouse, "SELECT count(*) FROM documents")[0][0] == 9


def test_an_unchanged_file_read_differently_now_is_reread_keeping_its_history(corpus: Path, tmp_path: Path, capsys):
    warehouse = tmp_path / "wh.duckdb"
    assert load(corpus, warehouse=warehouse) == 0
    history = rows(warehouse, "SELECT document_id, first_run_id, first_loaded_at FROM documents ORDER BY 1")
    # As an older parser would have left them: no flags, and a group the officer has since corrected.
    with duckdb.connect(str(warehouse)) as con:
        con.execute("UPDATE needs SET flags = NULL, regional_group = 'Other' WHERE iso3 = 'KEN'")
        con.execute("UPDATE documents SET regional_group = 'Other' WHERE iso3 = 'KEN'")
    capsys.readouterr()
    assert load(corpus, warehouse=warehouse) == 0
    assert "re-read: 1" in capsys.readouterr().out
    assert rows(warehouse, "SELECT DISTINCT regional_group FROM needs WHERE iso3 = 'KEN'") == [("African States",)]
    assert rows(warehouse, "SELECT count(*) FROM needs WHERE flags IS NULL") == [(0,)]
    assert rows(warehouse, "SELECT document_id, first_run_id, first_loaded_at FROM documents ORDER BY 1") == history
    runs = rows(warehouse, "SELECT files_unchanged, files_reread FROM load_runs ORDER BY started_at")
    assert runs[1:] == [(4, 1)]
    assert load(corpus, warehouse=warehouse) == 0
    assert rows(warehouse, "SELECT files_unchanged, files_reread FROM load_runs ORDER BY started_at")[-1] == (5, 0)
