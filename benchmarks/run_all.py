"""Run every benchmark, one after the other, and print what each measured (not a test).

    python benchmarks/run_all.py            # the sizes quoted in the README
    python benchmarks/run_all.py --quick    # smaller sizes, a few minutes in all

Each benchmark is its own script in this folder and can be run alone; see README.md here.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = [
    ("CLI start-up", "cli_startup.py", ["--rounds", "20"]),
    ("Scoring a 1,000-item run", "score_run.py", ["--rounds", "5"]),
    ("Runner throughput", "runner_throughput.py", []),
    ("Contamination scan", "contamination_scan.py", ["--size", "1GB", "--repeat", "2"]),
]
QUICK = [
    ("CLI start-up", "cli_startup.py", ["--rounds", "10"]),
    ("Scoring a 1,000-item run", "score_run.py", ["--rounds", "3"]),
    ("Runner throughput", "runner_throughput.py", ["--items", "500"]),
    ("Contamination scan", "contamination_scan.py", ["--size", "100MB", "--no-dask"]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--only", action="append", default=[],
                        help="run only benchmarks whose script name contains this")
    args = parser.parse_args()
    failed = []
    for title, script, options in QUICK if args.quick else FULL:
        if args.only and not any(part in script for part in args.only):
            continue
        command = [sys.executable, str(HERE / script), *options]
        print(f"== {title}: python benchmarks/{script} {' '.join(options)}".rstrip(), flush=True)
        started = time.perf_counter()
        done = subprocess.run(command, check=False)
        print(f"   ({time.perf_counter() - started:.0f} s)\n", flush=True)
        if done.returncode != 0:
            failed.append(script)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
