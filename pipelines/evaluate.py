"""Score a loaded warehouse against hand labels with the counting rule: python -m pipelines.evaluate LABELS WAREHOUSE.

Labels are JSON: a list of {"file", "chapters": {"2": {"status", "needs": [{"text", "articles", "types"}]}}}.
A labelled need is found when an extracted need of the same file and chapter has (nearly) the same text.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import duckdb

from pipelines.rows import normalized_text

MATCH_RATIO = 0.85


@dataclass
class Score:
    """Counts behind the four extraction targets, with the misses listed for reading."""

    labelled: int = 0
    extracted: int = 0
    matched: int = 0
    types_right: int = 0
    articles_right: int = 0
    no_needs_labelled: int = 0
    no_needs_kept: int = 0
    misses: list[str] = field(default_factory=list)

    def ratio(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def recall(self) -> float:
        return self.ratio(self.matched, self.labelled)

    @property
    def precision(self) -> float:
        return self.ratio(self.matched, self.extracted)

    @property
    def types_accuracy(self) -> float:
        return self.ratio(self.types_right, self.matched)

    @property
    def articles_accuracy(self) -> float:
        return self.ratio(self.articles_right, self.matched)

    def report(self) -> str:
        return (
            f"needs found {self.recall:.1%} ({self.matched}/{self.labelled}), "
            f"extracted needs real {self.precision:.1%} ({self.matched}/{self.extracted}), "
            f"types right {self.types_accuracy:.1%}, articles right {self.articles_accuracy:.1%}, "
            f"no-needs kept {self.no_needs_kept}/{self.no_needs_labelled}"
        )


def _pair(labelled: list[dict], extracted: list[tuple]) -> list[tuple[dict, tuple]]:
    """Greedy best-first matching of labelled to extracted needs by normalised text similarity."""
    candidates = []
    for i, label in enumerate(labelled):
        want = normalized_text(label["text"])
        for j, row in enumerate(extracted):
            have = normalized_text(row[0])
            ratio = 1.0 if want == have else SequenceMatcher(None, want, have).ratio()
            if ratio >= MATCH_RATIO:
                candidates.append((ratio, i, j))
    used_i, used_j, pairs = set(), set(), []
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((labelled[i], extracted[j]))
    return pairs


def score(labels: list[dict], con: duckdb.DuckDBPyConnection) -> Score:
    result = Score()
    for doc in labels:
        name = Path(doc["file"]).name
        for chapter_key, part in doc["chapters"].items():
            chapter = int(chapter_key)
            extracted = con.execute(
                "SELECT text, articles, types FROM needs WHERE regexp_extract(source_file, '[^/]+$') = ? "
                "AND chapter = ?",
                [name, chapter],
            ).fetchall()
            wanted = part.get("needs", [])
            result.labelled += len(wanted)
            result.extracted += len(extracted)
            pairs = _pair(wanted, extracted)
            result.matched += len(pairs)
            for label, row in pairs:
                if sorted(label["types"]) == sorted(row[2]):
                    result.types_right += 1
                else:
                    result.misses.append(f"{name} ch.{chapter} types {row[2]} != {label['types']}: {row[0]}")
                if sorted(label["articles"]) == sorted(row[1]):
                    result.articles_right += 1
                else:
                    result.misses.append(f"{name} ch.{chapter} articles {row[1]} != {label['articles']}: {row[0]}")
            matched = {id(label) for label, _ in pairs}
            result.misses += [f"{name} ch.{chapter} not found: {n['text']}" for n in wanted if id(n) not in matched]
            found = {row[0] for _, row in pairs}
            result.misses += [f"{name} ch.{chapter} not a need: {row[0]}" for row in extracted if row[0] not in found]
            if part.get("status") == "no_needs":
                result.no_needs_labelled += 1
                status = con.execute(
                    "SELECT status FROM document_chapters JOIN documents USING (document_id) "
                    "WHERE regexp_extract(documents.source_file, '[^/]+$') = ? AND chapter = ?",
                    [name, chapter],
                ).fetchone()
                if status and status[0] == "no_needs":
                    result.no_needs_kept += 1
                else:
                    result.misses.append(f"{name} ch.{chapter} 'no needs' statement not kept")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.evaluate", description=__doc__)
    parser.add_argument("labels", type=Path)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--show", type=int, default=30, help="misses to list")
    args = parser.parse_args(argv)
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    with duckdb.connect(str(args.warehouse), read_only=True) as con:
        result = score(labels, con)
    print(result.report())
    for miss in result.misses[: args.show]:
        print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
