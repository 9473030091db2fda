"""How long a review of one typical sample summary takes in the review page: clicks, fields typed, seconds.

python -m tests.e2e.review_bench [--state Gambia]

Loads the sample into a temporary folder, starts the editor instance, and reviews every need of one summary as an
officer would: each need confirmed with one click, except one split (choose the action, type the first words of the
second need and a reason, save). Prints the clicks, the fields typed and the seconds the dashboard took (time to read
is the officer's own and is not counted).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from pipelines.__main__ import main as pipelines_main
from tests.e2e.test_review_e2e import CHROMIUM, SAMPLE, choose, open_review, start, stop


def idle(tab) -> None:
    tab.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000)


def review(base: str, state: str) -> dict[str, float]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        tab = browser.new_page(viewport={"width": 1500, "height": 1400})
        open_review(tab, base, state)
        clicks, typed, waits = 0, 0, []
        queue = int(tab.get_by_text("in this document's queue").first.inner_text().split(" of ")[1].split()[0])
        started = time.monotonic()
        for index in range(queue + 1):  # the split adds a need
            idle(tab)
            text = tab.locator("blockquote").first.inner_text().strip()
            t0 = time.monotonic()
            if index == 1:  # one need holds two: split it
                words = text.split()
                choose(tab, "Or correct it", "Split at a point in the text")
                tab.get_by_label("The second need starts with (copy its first words)").fill(
                    " ".join(words[len(words) // 2: len(words) // 2 + 2]))
                tab.keyboard.press("Enter")
                tab.get_by_label("Reason (short)").fill("two needs in one bullet")
                idle(tab)
                tab.get_by_role("button", name="Save correction").first.click()
                clicks, typed = clicks + 3, typed + 2
                tab.get_by_text(f"of {queue + 1} in this document").first.wait_for(timeout=120_000)
                idle(tab)
            tab.get_by_role("button", name="Right as extracted").first.click()
            clicks += 1
            if index < queue:
                tab.get_by_text(f"Need {index + 2} of").first.wait_for(timeout=120_000)
            else:
                tab.get_by_text("Saved and republished").first.wait_for(timeout=120_000)
            idle(tab)
            waits.append(time.monotonic() - t0)
        total = time.monotonic() - started
        browser.close()
    return {"needs": queue + 1, "clicks": clicks, "fields typed": typed, "seconds": round(total, 1),
            "median seconds per need": round(statistics.median(waits), 1), "slowest": round(max(waits), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--state", default="Gambia", help="State whose summary is reviewed (default: Gambia)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="review-bench-"))
    try:
        raw, corrections, warehouse = folder / "raw", folder / "corrections", folder / "warehouse.duckdb"
        shutil.copytree(SAMPLE, raw)
        pipelines_main(["load", str(raw), "--warehouse", str(warehouse), "--no-progress", "--corrections",
                        str(corrections)])
        base, process, log = start(folder, warehouse, "--", "--editor", "--corrections", str(corrections))
        try:
            print(review(base, args.state))
        finally:
            stop(process, log)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
