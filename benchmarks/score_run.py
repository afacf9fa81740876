"""Scoring a 1,000-item run: ``examsim score`` (not a test).

Sits a generated 1,000-item exam (800 multiple-choice items with a wrong-answer penalty,
200 numeric) with the offline ``mock/random`` model, then times side by side, median of
``--rounds``:

* ``examsim score RUN`` as a user runs it (a new process: start-up, loading the pack's
  YAML, scoring with the 1,000-replicate bootstrap, printing), and with ``--json``;
* ``examsim --help`` in the same way, the process start-up alone;
* ``score_run(RUN)`` in this process, which loads the pack, and ``score_run(RUN,
  pack=pack)`` with the pack already loaded (what the runner and reports do).

The goal is ``examsim score`` under 1 s.

    python benchmarks/score_run.py [--items 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

GOAL_S = 1.0


def write_pack(root: Path, items: int) -> Path:
    """Four fifths multiple choice (a wrong answer costs 0.25), one fifth numeric."""
    mc = items * 4 // 5
    pack = root / "score-bench"
    (pack / "items").mkdir(parents=True)
    (pack / "exam.yaml").write_text(
        "id: score-bench\nname: Scoring benchmark\nprovenance: original\n"
        "description: Generated items for the scoring benchmark.\nfewshot: null\n"
        "scores:\n  - id: total\n    name: Scoring benchmark\n    scale: percent-correct\n"
        "    inputs: {total: [mc, num]}\n"
        "sections:\n"
        "  - id: mc\n    name: Choices\n    format: multiple_choice\n    items: items/mc.yaml\n"
        "    instructions: Choose.\n    scoring: {wrong: -0.25}\n"
        "  - id: num\n    name: Numbers\n    format: numeric\n    items: items/num.yaml\n"
        "    instructions: Give the number.\n",
        encoding="utf-8",
    )
    lines = ["items:"]
    for n in range(mc):
        lines += [f"  - id: q{n}", "    type: multiple_choice", f"    stem: Question {n}?",
                  f"    choices: {{A: 'a{n}', B: 'b{n}', C: 'c{n}', D: 'd{n}'}}",
                  f"    answer: {'ABCD'[n % 4]}", "    explanation: Given."]
    (pack / "items" / "mc.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["items:"]
    for n in range(mc, items):
        lines += [f"  - id: q{n}", "    type: numeric", f"    stem: What is {n} / 4?",
                  f"    answer: {n / 4}", "    tolerance: 0.01", "    explanation: Given."]
    (pack / "items" / "num.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pack


def median_time(call: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def command(*args: str) -> Callable[[], object]:
    argv = [sys.executable, "-m", "examsim", *args]
    return lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from examsim.packs import load_pack
    from examsim.runner import run_exam
    from examsim.scoring import score_run

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pack_root = write_pack(root, args.items)
        run = root / "run"
        summary = run_exam(pack_root, "mock/random", out=run)
        result = score_run(run)
        print(f"{args.items}-item run ({summary.answered} answered): "
              f"{result.scores[0].label}; median of {args.rounds}:")
        command("score", str(run))()  # warm the file cache
        pack = load_pack(pack_root)
        rows = [
            ("examsim score RUN", median_time(command("score", str(run)), args.rounds)),
            ("examsim score RUN --json",
             median_time(command("score", str(run), "--json"), args.rounds)),
            ("examsim --help (start-up alone)", median_time(command("--help"), args.rounds)),
            ("score_run(RUN), pack read from YAML",
             median_time(lambda: score_run(run), args.rounds)),
            ("score_run(RUN, pack=pack)",
             median_time(lambda: score_run(run, pack=pack), args.rounds)),
            ("score_run(RUN, pack=pack, bootstrap=0)",
             median_time(lambda: score_run(run, pack=pack, bootstrap=0), args.rounds)),
        ]
    for label, seconds in rows:
        print(f"  {label:<40} {seconds:6.3f} s  {seconds / GOAL_S:5.2f}x the 1 s goal")
    worst = max(rows[0][1], rows[1][1])
    print(f"Goal: examsim score under {GOAL_S:g} s: {worst:.3f} s, "
          f"{'met' if worst < GOAL_S else 'NOT met'}")


if __name__ == "__main__":
    main()
