"""End to end: an editor corrects the sample in the review page; the ordinary dashboard shows exactly that, a reload
from scratch keeps it, a replaced document turns its corrections stale, and the ordinary instance never writes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from app import navigation
from app.local_server import CHROMIUM, free_port, start_streamlit, stop
from pipelines.__main__ import main
from tests.app_warehouse import ROOT
from tests.e2e import test_dashboard_e2e as shared
from tests.e2e.test_dashboard_e2e import metric, shot, sync_api, wait_ready

SAMPLE = ROOT / "data" / "raw" / "sample"
STATE = "Gambia"  # GMB_cycle2.txt: 7 needs, the median of the sample

pytestmark = pytest.mark.e2e
expect = sync_api.expect
browser, page = shared.browser, shared.page  # the same Chromium and offline-only tabs as the dashboard tests


def start(folder: Path, warehouse: Path, *extra: str, env: dict | None = None) -> tuple[str, subprocess.Popen]:
    port = free_port()
    process = start_streamlit(ROOT / "dashboard.py", port, folder / f"streamlit-{port}.log", extra=list(extra),
                              env={"TA_WAREHOUSE": str(warehouse), "BROWSER_PATH": str(CHROMIUM), **(env or {})})
    return f"http://127.0.0.1:{port}", process


def load(raw: Path, warehouse: Path, corrections: Path) -> int:
    return main(["load", str(raw), "--warehouse", str(warehouse), "--no-progress", "--corrections", str(corrections)])


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """The sample loaded from a private copy, an editor instance and an ordinary instance on the same warehouse."""
    folder = tmp_path_factory.mktemp("review")
    raw, corrections, warehouse = folder / "raw", folder / "corrections", folder / "warehouse.duckdb"
    shutil.copytree(SAMPLE, raw)
    assert load(raw, warehouse, corrections) in (0, 1)
    editor = start(folder, warehouse, "--", "--editor", "--corrections", str(corrections))
    ordinary = start(folder, warehouse)
    yield {"folder": folder, "raw": raw, "corrections": corrections, "warehouse": warehouse,
           "editor": editor[0], "ordinary": ordinary[0], "ordinary_pid": ordinary[1].pid}
    stop(editor[1])
    stop(ordinary[1])


def needs_everywhere(tab, base: str) -> dict[str, int]:
    """The needs count every page of the ordinary dashboard shows (sidebar), plus the overview's headline."""
    counts = {}
    for index, spec in enumerate(navigation.PAGES):
        tab.goto(f"{base}/{spec.url_path if index else ''}")
        wait_ready(tab, "Illustrative sample data")
        caption = tab.get_by_text(re.compile(r"Data: \d+ documents, \d+ needs")).first.inner_text()
        counts[spec.url_path] = int(re.search(r"(\d+) needs", caption).group(1))
    tab.goto(f"{base}/")
    wait_ready(tab, "Illustrative sample data")
    counts["overview headline"] = int(metric(tab, "Needs").replace(",", ""))
    return counts


def wait_idle(tab) -> None:
    """Until the app's script run is over: a widget used during a rerun may be replaced under the pointer."""
    tab.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def choose(tab, label: str, option: str) -> None:
    """Open a selectbox and choose an option; a run that starts meanwhile (on a loaded machine, the one after a save
    can still be drawing) may replace the list under the pointer, as a person would see it close: open it again."""
    for attempt in range(5):
        wait_idle(tab)
        tab.get_by_label(label, exact=True).click()
        tab.keyboard.type(option)  # long option lists are virtualised: filter first
        try:
            tab.get_by_role("option", name=option, exact=False).first.click(timeout=10_000)
            break
        except sync_api.TimeoutError:
            if attempt == 4:
                raise
            tab.keyboard.press("Escape")
    wait_idle(tab)


def pick_option(tab, label: str, text: re.Pattern) -> None:
    """Open a multiselect and pick the first option matching text (a rerun may close the list: open it again)."""
    option = tab.get_by_role("option").filter(has_text=text).first
    for _ in range(5):
        tab.get_by_label(label, exact=True).click()
        try:
            option.click(timeout=5_000)
            return
        except sync_api.TimeoutError:
            tab.keyboard.press("Escape")
    option.click()


def save(tab) -> None:
    tab.get_by_role("button", name="Save correction").click()
    tab.get_by_text("Saved and republished").first.wait_for(timeout=120_000)
    wait_idle(tab)  # the run that shows the message goes on to draw the next need with the new data


def open_review(tab, base: str, state: str = STATE) -> None:
    tab.goto(f"{base}/")  # a fresh server's first request for a page path runs in legacy mode: enter by the root
    wait_ready(tab, "Illustrative sample data")
    tab.get_by_role("link", name="Review and correct").click()
    wait_ready(tab, "Review and correct")
    tab.get_by_label("Your name (recorded with each correction)").fill("E2E editor")
    tab.keyboard.press("Enter")
    choose(tab, "State to review", state)
    expect(tab.get_by_label("Document", exact=True)).to_have_value(re.compile(f"^{state}, cycle"), timeout=60_000)
    wait_ready(tab, "in this document's queue")


def test_review_corrects_the_dashboard_and_survives_a_reload(setup, page, tmp_path):
    before = needs_everywhere(page, setup["ordinary"])
    assert len(set(before.values())) == 1
    total = next(iter(before.values()))

    editor = page.context.new_page()
    open_review(editor, setup["editor"])
    first = editor.locator("blockquote").first.inner_text()
    choose(editor, "Or correct it", "Not a need")
    editor.get_by_label("Reason (short)").fill("a sentence of the summary, not a need")
    save(editor)
    editor.wait_for_function("t => !document.querySelector('blockquote').innerText.includes(t)", arg=first[:40])

    text = editor.locator("blockquote").first.inner_text().strip()
    words = text.split()
    second_start = " ".join(words[len(words) // 2: len(words) // 2 + 2])
    choose(editor, "Or correct it", "Split at a point in the text")
    editor.get_by_label("The second need starts with (copy its first words)").fill(second_start)
    editor.keyboard.press("Enter")
    editor.get_by_label("Reason (short)").fill("two needs in one bullet")
    save(editor)

    choose(editor, "Or correct it", "Add a need the parser missed")
    pick_option(editor, "Source lines of the missed need", re.compile(r"line \d+: \S"))
    editor.keyboard.press("Escape")
    editor.get_by_label("Reason (short)").fill("the parser missed it")
    save(editor)
    shot(editor, "review-after-three-corrections")

    after = needs_everywhere(page, setup["ordinary"])
    assert after == {name: total + 1 for name in before}  # -1 not a need, +1 split, +1 added
    page.goto(f"{setup['ordinary']}/quality")
    wait_ready(page, "Corrections by editors")
    assert metric(page, "Needs corrected") == "3"  # both parts of the split and the added need
    assert metric(page, "Extractions removed") == "1"
    shot(page, "quality-corrections")

    # A reload from scratch of the same files applies the same corrections.
    fresh = tmp_path / "fresh.duckdb"
    assert load(setup["raw"], fresh, setup["corrections"]) in (0, 1)
    query = "SELECT need_id, text, chapter, types, corrected FROM needs ORDER BY need_id"
    with duckdb.connect(str(fresh), read_only=True) as a, duckdb.connect(str(setup["warehouse"]),
                                                                        read_only=True) as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
        assert a.execute("SELECT count(*) FROM corrections WHERE status = 'applied'").fetchone()[0] == 3

    # A new version of the document: its corrections no longer apply, and both instances say so.
    source = setup["raw"] / "GMB_cycle2.txt"
    source.write_bytes(source.read_bytes() + b"\n")
    assert load(setup["raw"], setup["warehouse"], setup["corrections"]) in (0, 1)
    assert needs_everywhere(page, setup["ordinary"]) == before
    page.goto(f"{setup['ordinary']}/quality")
    wait_ready(page, "Corrections by editors")
    page.get_by_text("3 correction(s) are stale").wait_for(timeout=30_000)
    open_review(editor, setup["editor"])
    editor.get_by_text("Stale corrections (3)").wait_for(timeout=30_000)
    shot(editor, "review-stale")


def _write_access(pid: int, paths: list[Path]) -> list[str]:
    """Files under the given paths that the process holds open for writing."""
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
            flags = int(Path(f"/proc/{pid}/fdinfo/{fd.name}").read_text().split("flags:")[1].split()[0], 8)
        except (OSError, IndexError):
            continue
        if any(target.startswith(str(p)) for p in paths) and flags & os.O_ACCMODE != os.O_RDONLY:
            found.append(target)
    return found


def test_the_ordinary_instance_has_no_review_page_and_opens_nothing_for_writing(setup, page):
    base = setup["ordinary"]
    page.goto(f"{base}/")
    wait_ready(page, "Illustrative sample data")
    assert page.get_by_role("link", name="Review and correct").count() == 0
    for spec in navigation.PAGES:
        page.goto(f"{base}/{spec.url_path}")
        wait_ready(page, "Illustrative sample data")
        written = [setup["warehouse"], setup["corrections"], setup["raw"], ROOT / "data"]  # not its own log
        assert _write_access(setup["ordinary_pid"], written) == []
    page.goto(f"{base}/review")
    wait_ready(page, "Illustrative sample data")
    assert page.get_by_text("Save correction").count() == 0
    assert page.get_by_role("heading", name="Review and correct").count() == 0
