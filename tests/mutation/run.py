"""Mutation testing of the modules where a silent bug changes a published figure (mutmut 3, requirements-dev.txt).

    .venv/bin/python tests/mutation/run.py [MODULE ...] [--children N] [--keep] [--functions A,B] [--only FILE]

Each module is measured in its own copy of the project under a temporary folder (mutmut writes a mutants/ tree
beside the code, and nothing of it belongs in the repository), against the fast tests that cover it. The score per
module and every surviving mutant are printed; RESULTS.md beside this script holds the last measured table and the
reasons survivors are equivalent. Not run by CI: a full run takes tens of minutes on two cores.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAST = ["-m", "not e2e and not slow", "-p", "no:cacheprovider", "-q", "-x"]


@dataclass
class Target:
    """A module to mutate, the tests that guard it, and which of its functions are mutated (all when empty)."""

    path: str
    tests: list[str]
    functions: list[str] = field(default_factory=list)


# The load tests that decide what is published or blocked, fastest first: apply_documents on real parses, the gate in
# process, the promises about the gate and renames, the load's own contract. Left out: the slow ones (a second process
# loading forty files; mutants only reached through a subprocess go unrecorded by mutmut's trampolines anyway) and
# loads that test other modules (need ids, articles) or repeat at load level what test_apply_documents.py checks
# (idempotence, changed and re-read files), to keep a surviving mutant's cost near 50 s on two busy cores.
_LOAD_TESTS = ["tests/test_apply_documents.py", "tests/test_load_gate.py"] + [
    f"tests/test_promises.py::{name}" for name in (
        "test_a_critical_batch_failure_blocks_the_load_and_changes_no_data",
        "test_the_shrink_guard_blocks_until_allowed",
        "test_without_validation_asked_the_same_batch_is_published",
        "test_a_renamed_or_moved_file_is_not_a_duplicate_and_is_not_reloaded")] + [
    f"tests/test_load.py::{name}" for name in (
        "test_bad_inputs_are_rejected_and_the_rest_loads", "test_nothing_loadable_exits_2",
        "test_second_summary_for_the_same_review_is_rejected",
        "test_prune_removes_only_documents_whose_files_are_gone_from_the_given_paths")]


def _promises(*names: str) -> list[str]:
    return [f"tests/test_promises.py::{name}" for name in names]


def _doubts(*names: str) -> list[str]:
    return [f"tests/test_doubts.py::{name}" for name in names]


def _doubts2(*names: str) -> list[str]:
    return [f"tests/test_doubts2.py::{name}" for name in names]


# The segmentation is guarded by its own tests on lines, by the exact reading of every hand-labelled summary, by the
# error-class tests that read Word, PDF and text summaries through the real parser (page breaks, furniture, lists cut
# across pages: what blocks and split decide) and by the doubt tests that check the flags segmentation sets. The
# scoring through the whole load and on the blind sets is left out (slow).
_SEGMENT_TESTS = ["tests/test_segment.py", "tests/test_headings.py", "tests/test_part_bounds.py",
                  "tests/test_part_starts.py", "tests/test_need_split.py", "tests/test_item_breaks.py",
                  "tests/test_block_groups.py", "tests/test_need_reading.py",
                  "tests/test_labelled_summaries.py", "tests/test_error_classes.py", "tests/test_error_classes2.py",
                  "tests/test_doubts2.py",
                  *_doubts("test_segmentation_sets_the_flags_of_a_part")]


# Mutated functions, where a module also holds reading of files, printing or a command line: only the functions
# that decide a published figure (which needs, which types, which articles, what is published or blocked).
TARGETS = {
    "articles": Target("pipelines/articles.py", ["tests/test_articles.py", "tests/test_article_citations.py"]
                       + _promises(
        "test_article_71_and_article_1_are_accepted", "test_article_71_is_a_heading",
        "test_article_72_and_0_are_refused")),
    "classify": Target("pipelines/classify.py", ["tests/test_classify.py", "tests/test_labelled_types.py",
                                                 "tests/test_type_rules.py"] + _doubts(
        "test_type_flags_from_classification", "test_types_follow_the_labelling_convention") + _doubts2(
        "test_classification_flags", "test_types_of_portals_registries_systems_and_equipment"),
                       functions=["classify", "matches", "_matches", "_coordinated", "types", "type_of", "fold",
                                  "normalise", "_words", "_scanner", "compile_pattern"]),
    "rows": Target("pipelines/rows.py", ["tests/test_need_ids.py"],
                   functions=["normalized_text", "need_ids", "need_rows", "chapter_rows", "document_rows"]),
    "load": Target("pipelines/load.py", _LOAD_TESTS,
                   functions=["apply_documents", "prune_documents", "_stage_batch", "_run_load", "_quarantined"]),
    # apply_documents against its own tests alone (seconds a mutant instead of minutes): a lower bound for "load".
    "apply": Target("pipelines/load.py", ["tests/test_apply_documents.py"], functions=["apply_documents"]),
    # The gate's properties (critical_failures, warnings, passed, blocks_batch) and LoadResult.exit_code are decorated,
    # which mutmut never mutates: properties.py mutates them with mutmut's operators.
    "validate": Target("pipelines/validate.py", ["tests/test_validation_gate.py"] + [
        f"tests/test_validation.py::{name}" for name in (
            "test_counts", "test_shrink_blocks_unless_allowed", "test_small_shrink_and_growth_pass",
            "test_results_are_written_to_the_warehouse", "test_results_of_a_blocked_load_can_be_recorded_elsewhere",
            "test_critical_failures_of_a_document_quarantine_it_and_batch_failures_block",
            "test_frames_expose_the_derived_columns")] + _promises(
        "test_a_critical_batch_failure_blocks_the_load_and_changes_no_data",
        "test_the_shrink_guard_blocks_until_allowed"),
                       functions=["quarantine", "counts", "batch_frame", "record_results"]),
    # How each Great Expectations result becomes an outcome (severity, scope, observed value, offending rows per
    # document): every mutant needs the suites run, so only the tests that run them on the small hand-built warehouse
    # and look at what an outcome says; Data Docs, the command line and the import check are left out.
    "outcome": Target("pipelines/validate.py", ["tests/test_validation_gate.py"] + [
        f"tests/test_validation.py::{name}" for name in (
            "test_clean_warehouse_passes_every_expectation", "test_empty_warehouse_passes",
            "test_each_breakage_is_caught_with_its_severity", "test_each_required_column_null_is_caught",
            "test_offending_rows_name_their_source", "test_results_are_written_to_the_warehouse",
            "test_critical_failures_of_a_document_quarantine_it_and_batch_failures_block",
            "test_shrink_blocks_unless_allowed", "test_small_shrink_and_growth_pass",
            "test_an_expectation_that_cannot_be_evaluated_fails_with_its_error_as_observed_value",
            "test_observed_values_count_the_checked_rows_and_show_the_offending_values")] + [
        "tests/test_load_gate.py::test_the_rejection_of_a_quarantined_document_names_each_failure_its_values_and_places"],
                      functions=["_outcome"]),
    "queries": Target("app/queries.py", ["tests/test_app_queries.py", "tests/test_filters_everywhere.py",
                                        "tests/test_provenance_queries.py", "tests/test_scope.py",
                                        "tests/test_search.py", "tests/test_exports_people.py"]),
    "filters": Target("app/filters.py", ["tests/test_app_queries.py", "tests/test_filters_everywhere.py",
                                        "tests/test_filter_links.py"]),
}
# Segmentation, split into four modules on 1 December 2026: every function of each is mutated. blocks and split were
# measured function by function (group_blocks and read_blocks alone have 276 and 338 mutants; RESULTS.md has the
# groups and their times): a whole module takes about 40 minutes with one worker on a busy two-core machine.
for _name in ("segment", "headings", "blocks", "split"):
    TARGETS[_name] = Target(f"pipelines/{_name}.py", _SEGMENT_TESTS)

# A mutant that makes a test hang (timeout) or crash the interpreter is caught as surely as one that fails it.
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 36: "killed",
          24: "killed", -24: "killed", 152: "killed", 255: "killed", -9: "killed", -11: "killed"}


def _copy_project(into: Path) -> None:
    """The files git knows of (committed or not, ignored ones left out): the project as a test run sees it."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)


def _config(target: Target) -> str:
    also_copy = ["data", "expectations", "pages", "static", ".streamlit", "dashboard.py", "README.md", "app",
                 "pipelines"]
    args = FAST
    lines = [
        "",
        "[tool.mutmut]",
        f'source_paths = ["{target.path.split("/")[0]}"]',
        f'only_mutate = ["{target.path}"]',
        f"also_copy = {json.dumps(also_copy)}",
        f"pytest_add_cli_args = {json.dumps(args)}",
        f"pytest_add_cli_args_test_selection = {json.dumps(target.tests)}",
        "use_git_change_detection = false",
        "timeout_multiplier = 5.0",
    ]
    return "\n".join(lines) + "\n"


def _mutant_globs(target: Target) -> list[str]:
    module = target.path.removesuffix(".py").replace("/", ".")
    # mutmut names a function's mutants module.x_function__mutmut_N, a method's module.xǁClassǁmethod__mutmut_N.
    return [pattern for name in target.functions
            for pattern in (f"{module}.x_{name}__mutmut_*", f"{module}.xǁ*ǁ{name}__mutmut_*")]


def _results(work: Path, target: Target, only: list[str]) -> dict[str, str]:
    meta = work / "mutants" / (target.path + ".meta")
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    chosen = {}
    globs = only or _mutant_globs(target)
    for name, code in codes.items():
        if globs and not any(fnmatch.fnmatchcase(name, g) for g in globs):
            continue
        chosen[name] = STATUS.get(code, "not checked" if code is None else "suspicious")
    return chosen


def _diff(work: Path, mutant: str) -> str:
    shown = subprocess.run([sys.executable, "-m", "mutmut", "show", mutant], cwd=work, capture_output=True,
                           text=True)
    return "\n".join(line for line in shown.stdout.splitlines()
                     if line.startswith(("+", "-")) and not line.startswith(("+++", "---")))


def measure(name: str, target: Target, children: int, keep: bool, only: list[str]) -> dict[str, str]:
    work = Path(tempfile.mkdtemp(prefix=f"mutation-{name}-"))
    try:
        _copy_project(work)
        with open(work / "pyproject.toml", "a", encoding="utf-8") as handle:
            handle.write(_config(target))
        env = {**os.environ, "GX_ANALYTICS_ENABLED": "false", "PYTHONDONTWRITEBYTECODE": "1"}
        command = ["nice", "-n", "10", sys.executable, "-m", "mutmut", "run", "--max-children", str(children),
                   *(only or _mutant_globs(target))]
        print(f"== {target.path}: {' '.join(command[3:])} (in {work})", flush=True)
        run = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
        if run.returncode != 0 or not (work / "mutants" / (target.path + ".meta")).exists():
            print(run.stdout[-3000:], run.stderr[-3000:], sep="\n")
            raise SystemExit(f"mutmut failed on {target.path}")
        results = _results(work, target, only)
        survivors = sorted(m for m, status in results.items() if status != "killed")
        killed = sum(status == "killed" for status in results.values())
        score = killed / len(results) if results else 0.0
        print(f"{target.path}: {len(results)} mutants, {killed} killed, {len(survivors)} not killed: {score:.0%}")
        for mutant in survivors:
            print(f"  {results[mutant]:9} {mutant}")
            for line in _diff(work, mutant).splitlines():
                print(f"      {line}")
        return results
    finally:
        if keep:
            print(f"   kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"any of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--children", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep the working copies, to inspect mutants")
    parser.add_argument("--functions", metavar="NAMES",
                        help="mutate only these functions (comma-separated), e.g. those changed since the last run")
    parser.add_argument("--only", type=Path, metavar="FILE",
                        help="re-check only the mutants named in FILE (one per line, e.g. an earlier run's survivors)")
    args = parser.parse_args(argv)
    unknown = set(args.modules) - set(TARGETS)
    if unknown:
        parser.error(f"unknown module(s): {', '.join(sorted(unknown))}")
    only = [line.strip() for line in args.only.read_text().splitlines() if line.strip()] if args.only else []
    table = []
    for name in args.modules or list(TARGETS):
        mine = [m for m in only if m.startswith(TARGETS[name].path.removesuffix(".py").replace("/", ".") + ".")]
        if only and not mine:
            continue
        target = TARGETS[name]
        if args.functions:
            target = Target(target.path, target.tests, [f.strip() for f in args.functions.split(",") if f.strip()])
        results = measure(name, target, args.children, args.keep, mine)
        killed = sum(s == "killed" for s in results.values())
        table.append((TARGETS[name].path, len(results), killed, len(results) - killed))
    print("\nmodule | mutants | killed | not killed | score")
    for path, total, killed, left in table:
        print(f"{path} | {total} | {killed} | {left} | {killed / max(total, 1):.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
