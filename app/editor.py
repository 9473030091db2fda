"""Editor mode: `streamlit run dashboard.py -- --editor [--corrections DIR]` adds the review page; nothing else does."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAG = "--editor"
DEFAULT_CORRECTIONS = ROOT / "data" / "corrections"


def enabled(argv: list[str] | None = None) -> bool:
    """Whether this dashboard process was started in editor mode (the only mode with a code path that writes)."""
    return FLAG in (sys.argv[1:] if argv is None else argv)


def corrections_dir(argv: list[str] | None = None) -> Path:
    """Where the review page saves corrections: --corrections DIR, else $TA_CORRECTIONS, else data/corrections."""
    args = sys.argv[1:] if argv is None else argv
    if "--corrections" in args and args.index("--corrections") + 1 < len(args):
        return Path(args[args.index("--corrections") + 1])
    configured = os.environ.get("TA_CORRECTIONS")
    return Path(configured) if configured else DEFAULT_CORRECTIONS
