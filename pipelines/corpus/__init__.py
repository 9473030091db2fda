"""Illustrative sample corpus: seeded, realistic-looking executive summaries with ground-truth labels."""

from .generate import generate, plan, write_labels
from .wording import SAMPLE_NOTICE

__all__ = ["SAMPLE_NOTICE", "generate", "plan", "write_labels"]
