"""CLI start-up: ``examsim --help`` beside ``python -c "import typer"`` (not a test).

Each command runs ``--rounds`` times, the commands interleaved so that a busy machine
slows them alike; the median wall time of each is printed with its ratio to importing
typer alone. The goal is within 2x: ``--help`` must not import pandas, numpy, a provider
SDK, Dask, matplotlib or pyarrow, which the second part checks with ``python -X
importtime`` and prints the slowest imports.

    python benchmarks/cli_startup.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

HEAVY = ("pandas", "numpy", "openai", "anthropic", "dask", "distributed", "matplotlib",
         "pyarrow", "pypdf", "rapidfuzz", "ahocorasick_rs", "zstandard", "httpx")
GOAL = 2.0


def console_script() -> list[str] | None:
    """The installed ``examsim`` script itself (not a shell shim in front of it)."""
    script = Path(sysconfig.get_path("scripts")) / "examsim"
    if script.exists():
        return [str(script)]
    found = shutil.which("examsim")
    return [found] if found else None


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def imports(command: list[str]) -> list[tuple[str, int]]:
    """(module, cumulative microseconds) of every top-level import ``command`` makes."""
    done = subprocess.run([sys.executable, "-X", "importtime", *command], capture_output=True,
                          text=True, check=True)
    found = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (part.strip() for part in line.split(":", 1)[1].split("|"))
        if cumulative.isdigit():
            found.append((name, int(cumulative)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        'python -c "import typer"': [sys.executable, "-c", "import typer"],
        "python -m examsim --help": [sys.executable, "-m", "examsim", "--help"],
    }
    script = console_script()
    if script is not None:
        commands["examsim --help"] = [*script, "--help"]
    for command in commands.values():
        timed(command)  # warm the file cache
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(args.rounds):
        for label, command in commands.items():
            times[label].append(timed(command))
    base = statistics.median(times['python -c "import typer"'])
    print(f"{args.rounds} rounds each, interleaved; median (fastest) wall time:")
    for label, values in times.items():
        median = statistics.median(values)
        print(f"  {label:<28} {median * 1000:6.0f} ms ({min(values) * 1000:4.0f} ms)  "
              f"{median / base:4.2f}x import typer")
    worst = max(statistics.median(times[label]) for label in commands if "examsim" in label)
    verdict = "met" if worst / base <= GOAL else "NOT met"
    print(f"Goal: examsim --help within {GOAL:g}x of import typer: {worst / base:.2f}x, {verdict}")

    loaded = imports(["-m", "examsim", "--help"])
    names = {name.split(".")[0] for name, _ in loaded}
    heavy = [name for name in HEAVY if name in names]
    print(f"Heavy modules imported by --help: {', '.join(heavy) if heavy else 'none'}")
    top = sorted(((n, t) for n, t in loaded if "." not in n), key=lambda x: -x[1])[:6]
    print("Slowest top-level imports: " + ", ".join(f"{n} {t / 1000:.0f} ms" for n, t in top))


if __name__ == "__main__":
    main()
