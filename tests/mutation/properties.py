"""Mutants of the properties that decide the gate, which mutmut 3 never mutates (it skips decorated functions).

    .venv/bin/python tests/mutation/properties.py [MODULE ...]

The same operators as mutmut's own (its mutation visitor, run on the module with the property's @property line taken
off), each mutant put into a copy of the project with the decorator back, and the module's fast tests run against it
until one fails. Prints every mutant with killed/survived and its changed line; RESULTS.md holds the last figures.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import FAST, _copy_project  # noqa: E402

# module -> (file, properties, the tests that guard them, fastest first)
PROPERTIES = {
    "validate": ("pipelines/validate.py", ["critical_failures", "warnings", "passed", "blocks_batch"],
                 ["tests/test_validation_gate.py"]),
    "load": ("pipelines/load.py", ["exit_code"],
             ["tests/test_load_gate.py::test_exit_codes", "tests/test_load.py::test_nothing_loadable_exits_2",
              "tests/test_promises.py::test_the_shrink_guard_blocks_until_allowed"]),
}


def _undecorated(source: str, name: str) -> str:
    return re.sub(rf"^[ \t]*@property\n([ \t]*def {name}\()", r"\1", source, flags=re.M)


def mutants(work: Path, path: str, names: list[str]) -> list[tuple[str, str, str]]:
    """(property, mutated source with every decorator in place, the changed line) for each mutant."""
    import libcst as cst
    from mutmut.mutation.file_mutation import create_mutations, deep_replace

    original = (work / path).read_text()
    found = []
    cwd = os.getcwd()
    os.chdir(work)  # mutmut reads its configuration from the working folder
    try:
        for name in names:
            stripped = _undecorated(original, name)
            module, mutations, _, _ = create_mutations(path, stripped)
            for mutation in mutations:
                function = mutation.contained_by_top_level_function
                if not isinstance(function, cst.FunctionDef) or function.name.value != name:
                    continue
                mutated = deep_replace(module, mutation.original_node, mutation.mutated_node).code
                restored = re.sub(rf"^([ \t]*)(def {name}\()", r"\1@property\n\1\2", mutated, flags=re.M)
                changed = [line for line in difflib.unified_diff(original.splitlines(), restored.splitlines(),
                                                                  lineterm="", n=0)
                           if line.startswith("+") and not line.startswith("+++")]
                found.append((name, restored, " / ".join(line[1:].strip() for line in changed)))
    finally:
        os.chdir(cwd)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"any of {', '.join(PROPERTIES)} (default: all)")
    args = parser.parse_args(argv)
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "false", "PYTHONDONTWRITEBYTECODE": "1"}
    for module in args.modules or list(PROPERTIES):
        path, names, tests = PROPERTIES[module]
        work = Path(tempfile.mkdtemp(prefix=f"mutation-properties-{module}-"))
        try:
            _copy_project(work)
            with open(work / "pyproject.toml", "a", encoding="utf-8") as handle:
                handle.write(f'\n[tool.mutmut]\nsource_paths = ["{path.split("/")[0]}"]\n')
            original = (work / path).read_text()
            found = mutants(work, path, names)
            killed = 0
            for number, (name, source, changed) in enumerate(found, start=1):
                (work / path).write_text(source)
                run = subprocess.run(["nice", "-n", "10", sys.executable, "-m", "pytest", *FAST, *tests], cwd=work,
                                     env=env, capture_output=True, text=True)
                status = "killed" if run.returncode != 0 else "survived"
                killed += status == "killed"
                print(f"  {status:9} {name}_{number}: {changed}", flush=True)
            (work / path).write_text(original)
            print(f"{path} properties: {len(found)} mutants, {killed} killed, {len(found) - killed} survived")
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
