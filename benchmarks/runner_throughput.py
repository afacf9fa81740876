"""Runner throughput: 2,000 items against a local server with 100 ms latency.

Starts ``examsim.testing.provider_server`` in its own process, sits a generated 2,000-item
multiple-choice exam with ``openai-api/bench/m`` at concurrency 64 and prints the wall
time and its ratio to the ideal time (ceil(items / concurrency) x latency). A second run
with an adapter that only sleeps for the latency shows the runner's own overhead apart
from the HTTP client's. The goal is
a ratio within 1.2 for the asking phase; the whole run's time (loading the pack,
building prompts, the summary) is printed beside it. If ``inspect_ai`` is installed,
the same items are run through Inspect against the same server and its ratio is printed.

    python benchmarks/runner_throughput.py [--items 2000] [--latency 0.1] [--concurrency 64]
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ANSWER = "The options were compared.\nThe answer is therefore [B]"


def write_pack(root: Path, items: int) -> Path:
    """A one-section exam of ``items`` four-option questions."""
    pack = root / "bench"
    (pack / "items").mkdir(parents=True)
    (pack / "exam.yaml").write_text(
        "id: bench\nname: Throughput benchmark\nprovenance: original\n"
        "description: Generated items for the runner benchmark.\nfewshot: null\n"
        "sections:\n  - id: mc\n    name: Questions\n    format: multiple_choice\n"
        "    items: items/mc.yaml\n    instructions: Choose the best answer.\n",
        encoding="utf-8",
    )
    lines = ["items:"]
    for n in range(items):
        lines += [
            f"  - id: q{n}",
            "    type: multiple_choice",
            f"    stem: What is {n} + 1?",
            f"    choices: {{A: '{n}', B: '{n + 1}', C: '{n + 2}', D: '{n + 3}'}}",
            "    answer: B",
            f"    explanation: {n} + 1 = {n + 1}.",
        ]
    (pack / "items" / "mc.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pack


def start_server(latency: float) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "examsim.testing.provider_server", "--latency", str(latency),
         "--answer", ANSWER],
        stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    return proc, url


def run_examsim(pack: Path, out: Path, model: str, concurrency: int) -> tuple[float, float, int]:
    """(seconds asking the model, seconds in all, items correct)."""
    from examsim.runner import RunOptions, run_exam

    started = time.perf_counter()
    summary = run_exam(pack, model, out=out,
                       options=RunOptions(concurrency=concurrency, cache=False, max_retries=0))
    elapsed = time.perf_counter() - started
    if summary.failed:
        print(f"  examsim: {summary.failed} failed attempts", file=sys.stderr)
    return summary.session["seconds"], elapsed, int(summary.sections[0].raw or 0)


class SleepingModel:
    """Answers after the same latency without any HTTP: the runner's own overhead."""

    supports_images = True
    cacheable = False
    name = cache_identity = "sleep/model"

    def __init__(self, latency: float) -> None:
        self.latency = latency

    async def generate(self, request: Any) -> Any:
        import asyncio

        from examsim.models import GenerateResult

        await asyncio.sleep(self.latency)
        return GenerateResult(ANSWER, 20, 8)


def report(label: str, asking: float, elapsed: float, ideal: float) -> None:
    print(f"{label}: asking {asking:.2f} s (ratio {asking / ideal:.2f}); whole run with "
          f"pack loading, prompts and summary {elapsed:.2f} s (ratio {elapsed / ideal:.2f})")


def run_inspect(items: int, concurrency: int, log_dir: Path) -> float:
    from inspect_ai import Task, eval
    from inspect_ai.dataset import Sample
    from inspect_ai.scorer import choice
    from inspect_ai.solver import multiple_choice

    dataset = [
        Sample(input=f"What is {n} + 1?", choices=[str(n), str(n + 1), str(n + 2), str(n + 3)],
               target="B", id=f"q{n}")
        for n in range(items)
    ]
    task = Task(dataset=dataset, solver=multiple_choice(), scorer=choice())
    started = time.perf_counter()
    logs = eval(task, model="openai-api/bench/m", max_connections=concurrency,
                log_dir=str(log_dir), display="none", max_retries=0)
    elapsed = time.perf_counter() - started
    samples = len(logs[0].samples or []) if logs else 0
    print(f"  inspect_ai: status {logs[0].status if logs else 'none'}, {samples} samples",
          file=sys.stderr)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    ideal = math.ceil(args.items / args.concurrency) * args.latency
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pack = write_pack(root, args.items)
        proc, url = start_server(args.latency)
        os.environ["BENCH_BASE_URL"] = url
        os.environ["BENCH_API_KEY"] = "bench"
        try:
            print(f"{args.items} items, latency {args.latency * 1000:.0f} ms, "
                  f"concurrency {args.concurrency}: ideal {ideal:.2f} s")
            asking, elapsed, correct = run_examsim(pack, root / "run", "openai-api/bench/m",
                                                   args.concurrency)
            report(f"examsim over HTTP (openai SDK), {correct} correct", asking, elapsed, ideal)
            from examsim.models import models

            models.add("sleep", lambda name, context: SleepingModel(args.latency))
            asking, elapsed, _ = run_examsim(pack, root / "sleep", "sleep/model",
                                             args.concurrency)
            report("examsim without HTTP (runner overhead only)", asking, elapsed, ideal)
            if importlib.util.find_spec("inspect_ai") is not None:
                inspect_elapsed = run_inspect(args.items, args.concurrency, root / "inspect")
                print(f"inspect_ai: whole eval {inspect_elapsed:.2f} s, "
                      f"ratio {inspect_elapsed / ideal:.2f}")
            else:
                print("inspect_ai: not installed, skipped")
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
