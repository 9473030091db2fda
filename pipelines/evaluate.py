"""Score a loaded warehouse against hand labels with the counting rule: python -m pipelines.evaluate LABELS WAREHOUSE.

Labels are JSON: a list of {"file", "format"?, "language"?, "chapters": {"2": {"status", "needs": [{"text",
"articles", "types"}]}}}. A labelled need is found when an extracted need of the same file has (nearly) the same
text; whether it also sits in the same chapter is the "chapter right" measure. Without "format" or "language" in
the labels, the file's extension and the warehouse's documents.language say which group a file scores in.

An extracted need is an error when it matches no labelled need (not a need, or a piece of a split need), when its
chapter, articles or types are wrong, or when its text differs from its label's because a neighbour was merged into
it or cut from it. Flag recall is the share of those errors that carry at least one doubt flag (needs.flags); flag
share is the share of all extracted needs that do: what an officer reviewing flagged needs first must read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import duckdb

from pipelines.rows import normalized_text

MATCH_RATIO = 0.85
FORMATS = ("txt", "docx", "pdf")
LANGUAGES = ("en", "fr", "es")


@dataclass
class Score:
    """Counts behind the extraction targets, with the misses listed for reading."""

    labelled: int = 0
    extracted: int = 0
    matched: int = 0
    exact: int = 0
    types_right: int = 0
    type_tp: int = 0
    type_fp: int = 0
    type_fn: int = 0
    articles_right: int = 0
    chapter_right: int = 0
    no_needs_labelled: int = 0
    no_needs_kept: int = 0
    errors: int = 0
    errors_flagged: int = 0
    flagged: int = 0
    misses: list[str] = field(default_factory=list)
    # Needs carrying each flag, and errors carrying it: which signals pay for the reading they ask.
    flag_needs: Counter = field(default_factory=Counter)
    flag_errors: Counter = field(default_factory=Counter)

    def ratio(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def recall(self) -> float:
        return self.ratio(self.matched, self.labelled)

    @property
    def exact_recall(self) -> float:
        return self.ratio(self.exact, self.labelled)

    @property
    def precision(self) -> float:
        return self.ratio(self.matched, self.extracted)

    @property
    def exact_precision(self) -> float:
        return self.ratio(self.exact, self.extracted)

    @property
    def types_accuracy(self) -> float:
        return self.ratio(self.types_right, self.matched)

    @property
    def type_f1(self) -> float:
        """Micro F1 over the five types, on matched needs."""
        return self.ratio(2 * self.type_tp, 2 * self.type_tp + self.type_fp + self.type_fn)

    @property
    def articles_accuracy(self) -> float:
        return self.ratio(self.articles_right, self.matched)

    @property
    def chapter_accuracy(self) -> float:
        return self.ratio(self.chapter_right, self.matched)

    @property
    def flag_recall(self) -> float:
        return self.ratio(self.errors_flagged, self.errors)

    @property
    def flag_share(self) -> float:
        return self.ratio(self.flagged, self.extracted)

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            if name != "misses":
                setattr(self, name, getattr(self, name) + getattr(other, name))

    def report(self) -> str:
        return (
            f"needs found {self.recall:.1%} ({self.matched}/{self.labelled}), "
            f"extracted needs real {self.precision:.1%} ({self.matched}/{self.extracted}), "
            f"exact text {self.exact}, types right {self.types_accuracy:.1%} (micro F1 {self.type_f1:.3f}), "
            f"articles right {self.articles_accuracy:.1%}, chapter right {self.chapter_accuracy:.1%}, "
            f"no-needs kept {self.no_needs_kept}/{self.no_needs_labelled}, "
            f"flag recall {self.flag_recall:.1%} ({self.errors_flagged}/{self.errors}), "
            f"flag share {self.flag_share:.1%} ({self.flagged}/{self.extracted})"
        )


@dataclass
class Evaluation:
    """The score of a whole labelled folder and of each format and language in it."""

    overall: Score
    groups: dict[str, Score]

    def add(self, other: Evaluation) -> None:
        """Count another evaluation's files in this one."""
        self.overall.add(other.overall)
        self.overall.misses += other.overall.misses
        for name, group in other.groups.items():
            self.groups.setdefault(name, Score()).add(group)

    def table(self) -> str:
        """The issue's table: one row per measure, one column for all files and one per format and language."""
        columns = [("all", self.overall)] + [(name, self.groups[name]) for name in (*FORMATS, *LANGUAGES)
                                             if name in self.groups]
        rows = [
            ("needs found (recall)", lambda s: _cell(s.matched, s.labelled)),
            ("  exact text", lambda s: _cell(s.exact, s.labelled)),
            ("extracted needs real (precision)", lambda s: _cell(s.matched, s.extracted)),
            ("  exact text", lambda s: _cell(s.exact, s.extracted)),
            ("types right (micro F1, 5 types)", lambda s: f"{s.type_f1:.3f}"),
            ("  type sets equal", lambda s: _cell(s.types_right, s.matched)),
            ("articles right", lambda s: _cell(s.articles_right, s.matched)),
            ("chapter right", lambda s: _cell(s.chapter_right, s.matched)),
            ("'no needs' statements kept", lambda s: f"{s.no_needs_kept}/{s.no_needs_labelled}"),
            ("flag recall (errors flagged)", lambda s: _cell(s.errors_flagged, s.errors)),
            ("flag share (needs flagged)", lambda s: _cell(s.flagged, s.extracted)),
        ]
        widths = [max(34, *(len(label) for label, _ in rows))] + [
            max(len(name), *(len(cell(score)) for _, cell in rows)) for name, score in columns]
        lines = ["  ".join([f"{'measure':<{widths[0]}}"] + [f"{name:>{w}}" for (name, _), w in
                                                                zip(columns, widths[1:], strict=True)])]
        for label, cell in rows:
            lines.append("  ".join([f"{label:<{widths[0]}}"] + [f"{cell(score):>{w}}" for (_, score), w in
                                                                  zip(columns, widths[1:], strict=True)]))
        return "\n".join(lines)

    def flag_table(self) -> str:
        """Each flag with the needs and the errors carrying it (all files)."""
        score = self.overall
        lines = [f"{'flag':<22}{'needs':>7}{'errors':>8}"]
        for flag, count in sorted(score.flag_needs.items(), key=lambda item: -item[1]):
            lines.append(f"{flag:<22}{count:>7}{score.flag_errors[flag]:>8}")
        return "\n".join(lines)


def _cell(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "-"


def _pair(labelled: list[dict], extracted: list[dict]) -> list[tuple[dict, dict, bool]]:
    """Greedy best-first matching of labelled to extracted needs by normalised text similarity (same chapter first);
    each pair says whether the texts are the same."""
    candidates = []
    for i, label in enumerate(labelled):
        want = normalized_text(label["text"])
        for j, row in enumerate(extracted):
            have = normalized_text(row["text"])
            ratio = 1.0 if want == have else SequenceMatcher(None, want, have).ratio()
            if ratio >= MATCH_RATIO:
                candidates.append((ratio, label["chapter"] == row["chapter"], i, j))
    used_i, used_j, pairs = set(), set(), []
    for ratio, _, i, j in sorted(candidates, reverse=True):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((labelled[i], extracted[j], ratio == 1.0))
    return pairs


def _document_score(doc: dict, con: duckdb.DuckDBPyConnection) -> Score:
    result = Score()
    name = Path(doc["file"]).name
    rows = con.execute(
        "SELECT text, chapter, articles, types, coalesce(flags, []) FROM needs "
        "WHERE regexp_extract(source_file, '[^/]+$') = ?",
        [name],
    ).fetchall()
    chapters = {int(key) for key in doc["chapters"]}
    extracted = [{"text": t, "chapter": c, "articles": a, "types": ty, "flags": f, "error": False}
                 for t, c, a, ty, f in rows if c in chapters]
    wanted = [dict(need, chapter=int(key)) for key, part in doc["chapters"].items() for need in part.get("needs", [])]
    result.labelled, result.extracted = len(wanted), len(extracted)
    pairs = _pair(wanted, extracted)
    result.matched = len(pairs)
    for label, row, exact in pairs:
        where = f"{name} ch.{label['chapter']}"
        result.exact += exact
        if sorted(label["types"]) == sorted(row["types"]):
            result.types_right += 1
        else:
            row["error"] = True
            result.misses.append(f"{where} types {row['types']} != {label['types']}: {row['text']}")
        result.type_tp += len(set(label["types"]) & set(row["types"]))
        result.type_fp += len(set(row["types"]) - set(label["types"]))
        result.type_fn += len(set(label["types"]) - set(row["types"]))
        if sorted(label["articles"]) == sorted(row["articles"]):
            result.articles_right += 1
        else:
            row["error"] = True
            result.misses.append(f"{where} articles {row['articles']} != {label['articles']}: {row['text']}")
        if label["chapter"] == row["chapter"]:
            result.chapter_right += 1
        else:
            row["error"] = True
            result.misses.append(f"{where} found in chapter {row['chapter']}: {row['text']}")
    matched_labels = {id(label) for label, _, _ in pairs}
    missed = [need for need in wanted if id(need) not in matched_labels]
    for need in missed:
        result.misses.append(f"{name} ch.{need['chapter']} not found: {need['text']}")
    for _, row, exact in pairs:
        # A near match that swallowed or lost a piece of a missed need is a merged or split need.
        if not exact and any(_overlaps(need["text"], row["text"]) for need in missed):
            row["error"] = True
            result.misses.append(f"{name} ch.{row['chapter']} merged or split: {row['text']}")
    matched_rows = {id(row) for _, row, _ in pairs}
    for row in extracted:
        if id(row) not in matched_rows:
            row["error"] = True
            result.misses.append(f"{name} ch.{row['chapter']} not a need: {row['text']}")
        result.errors += row["error"]
        result.errors_flagged += row["error"] and bool(row["flags"])
        result.flagged += bool(row["flags"])
        result.flag_needs.update(row["flags"])
        if row["error"]:
            result.flag_errors.update(row["flags"])
        if row["error"] and not row["flags"]:
            result.misses.append(f"{name} ch.{row['chapter']} error without a flag: {row['text']}")
    for key, part in doc["chapters"].items():
        if part.get("status") != "no_needs":
            continue
        result.no_needs_labelled += 1
        status = con.execute(
            "SELECT status FROM document_chapters JOIN documents USING (document_id) "
            "WHERE regexp_extract(documents.source_file, '[^/]+$') = ? AND chapter = ?",
            [name, int(key)],
        ).fetchone()
        if status and status[0] == "no_needs":
            result.no_needs_kept += 1
        else:
            result.misses.append(f"{name} ch.{key} 'no needs' statement not kept")
    return result


def _overlaps(a: str, b: str) -> bool:
    """Whether two need texts share a run of at least five words."""
    first, second = normalized_text(a).split(), normalized_text(b).split()
    match = SequenceMatcher(None, first, second, autojunk=False).find_longest_match(0, len(first), 0, len(second))
    return match.size >= min(5, len(first), len(second))


def evaluate(labels: list[dict], con: duckdb.DuckDBPyConnection) -> Evaluation:
    """Score every labelled file, in total and by format and language."""
    overall, groups = Score(), {}
    for doc in labels:
        name = Path(doc["file"]).name
        found = con.execute(
            "SELECT language FROM documents WHERE regexp_extract(source_file, '[^/]+$') = ?", [name]).fetchone()
        language = doc.get("language") or (found[0] if found else "?")
        file_format = doc.get("format") or name.rsplit(".", 1)[-1].lower()
        result = _document_score(doc, con)
        overall.add(result)
        overall.misses += result.misses
        for group in (file_format, language):
            groups.setdefault(group, Score()).add(result)
    return Evaluation(overall, groups)


def score(labels: list[dict], con: duckdb.DuckDBPyConnection) -> Score:
    """The score of all labelled files together."""
    return evaluate(labels, con).overall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("labels", type=Path, help="labels JSON, or a folder holding labels.json")
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--show", type=int, default=30, help="misses to list")
    parser.add_argument("--flags", action="store_true", help="also count the needs and errors carrying each flag")
    args = parser.parse_args(argv)
    path = args.labels / "labels.json" if args.labels.is_dir() else args.labels
    labels = json.loads(path.read_text(encoding="utf-8"))
    with duckdb.connect(str(args.warehouse), read_only=True) as con:
        result = evaluate(labels, con)
    print(result.table())
    if args.flags:
        print(result.flag_table())
    for miss in result.overall.misses[: args.show]:
        print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
