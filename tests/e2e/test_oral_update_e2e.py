"""End to end: the Oral update page in Chromium. What is typed is what is downloaded, at once, every time."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from tests.e2e.test_dashboard_e2e import CHROMIUM, browser, page, shot  # noqa: F401 - fixtures

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium")
DRAFT = "textarea[aria-label^='Draft to read aloud']"


def ready(tab) -> None:
    tab.locator(DRAFT).wait_for(timeout=90_000)
    tab.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def download(tab, label: str) -> bytes:
    with tab.expect_download(timeout=120_000) as info:
        tab.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def type_at_end(tab, words: str) -> None:
    box = tab.locator(DRAFT)
    box.click()
    box.press("Control+End")
    box.type(words)


def type_date(tab, label: str, text: str) -> None:
    """Type a date as DDMMYYYY into the day, month and year segments of a date input."""
    tab.get_by_role("spinbutton", name=f"day, {label}").click()
    tab.keyboard.type(text)


def test_downloads_right_after_typing_hold_the_edit(server, page):  # noqa: F811
    page.goto(f"{server}/oral_update")
    ready(page)
    # The page sets its own scope: the shared filters are not on screen, and the cycles carry the sidebar's labels.
    assert page.locator("[data-testid='stSidebar']").get_by_text("Regional group", exact=True).count() == 0
    assert page.get_by_text("This page sets its own scope").count() == 1
    assert page.locator("[data-testid='stSelectbox'] input").first.input_value() == "Second cycle (ch. II, V)"
    for attempt in range(3):
        type_at_end(page, f" Edited for Markdown {attempt}.")
        md = download(page, "Markdown (.md)").decode("utf-8")
        assert f"Edited for Markdown {attempt}." in md, md
        assert "Illustrative sample data — not official" in md
        type_at_end(page, f" Edited for Word {attempt}.")
        doc = Document(BytesIO(download(page, "Word (.docx)")))
        text = "\n".join(p.text for p in doc.paragraphs)
        assert f"Edited for Word {attempt}." in text and "Illustrative sample data" in text
    type_at_end(page, " Edited for the slides.")
    deck = Presentation(BytesIO(download(page, "Slides (.pptx)")))
    texts = " ".join(sh.text_frame.text for slide in deck.slides for sh in slide.shapes if sh.has_text_frame)
    assert "Edited for the slides." in texts
    shot(page, "oral_update_edited")


def test_a_typed_date_is_the_date_downloaded(server, page):  # noqa: F811
    page.goto(f"{server}/oral_update")
    ready(page)
    type_date(page, "As of: date", "04092025")
    md = download(page, "Markdown (.md)").decode("utf-8")
    assert md.startswith("# Technical assistance needs, second review cycle: update as of 4 September 2025"), md[:200]


def test_reversed_points_show_a_message_and_no_draft(server, page):  # noqa: F811
    page.goto(f"{server}/oral_update")
    ready(page)
    type_date(page, "As of: date", "01062025")
    page.keyboard.press("Tab")
    page.get_by_text("Date", exact=True).nth(1).click()  # "Compared with": a date, a year before today by default
    page.get_by_text("comes after the as-of point").wait_for(timeout=60_000)
    # The message can show while the rerun that removes the draft is still running: wait for the draft to go.
    page.locator(DRAFT).wait_for(state="detached", timeout=60_000)
    assert page.get_by_role("button", name="Word (.docx)").count() == 0


def test_issue_then_compare_with_it(server, page):  # noqa: F811
    page.goto(f"{server}/oral_update")
    ready(page)
    type_at_end(page, " Said at the session.")
    page.get_by_role("button", name="Issue this update").click()
    page.get_by_text("Issued as").wait_for(timeout=120_000)
    page.reload()
    ready(page)
    # The next draft compares with the issued update by default, and the issued files come back unchanged.
    assert page.get_by_text("Issued update", exact=True).count() >= 1
    draft = page.locator(DRAFT).input_value()
    assert "since the oral update as of" in draft, draft
    page.get_by_text("Issued updates", exact=True).wait_for()
    page.locator("[data-testid='stExpander']").filter(has_text="UTC").first.click()
    issued = page.locator("[data-testid='stExpander']").filter(has_text="UTC").first
    with page.expect_download(timeout=60_000) as info:
        issued.get_by_role("button", name="Markdown (.md)").click()
    assert "Said at the session." in Path(info.value.path()).read_text(encoding="utf-8")
