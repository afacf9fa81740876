"""Several runs of one exam by one model variant, scored as one run with more samples.

Scoring already treats several samples per item as repeated sittings (their points are
averaged per item, and the bootstrap resamples them). Repeated runs are pooled the same
way: their responses and grades are renumbered into one run's samples (run 1's samples
first, then run 2's, ...) in a temporary run directory, and that run is scored. When the
runs drew different forms, the pooled form is their union in first-seen order, and each
item counts over the runs that saw it (scoring gives an item's missing samples its mean).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from examsim.reports.runs import FoundRun, RunGroup, recorded_pack_dir
from examsim.runlog import Manifest, RunDir


def _union_form(runs: tuple[FoundRun, ...]) -> dict[str, list[str]]:
    form: dict[str, list[str]] = {}
    for run in runs:
        for section, items in run.manifest.form.items():
            into = form.setdefault(section, [])
            into += [i for i in items if i not in into]
    return form


def _verdicts_path(run: FoundRun) -> str | None:
    """The run's verdict file as an absolute path (it is read from the pooled copy)."""
    recorded = run.manifest.contamination
    if not recorded:
        return None
    path = Path(recorded)
    if not path.is_absolute() and not path.exists():
        path = run.path / path
    return str(path.resolve())


def pool_notes(group: RunGroup) -> list[str]:
    """What a reader should know about a pooled cell."""
    runs = group.runs
    if len(runs) < 2:
        return []
    notes = [f"{len(runs)} runs pooled ({sum(max(1, r.manifest.samples) for r in runs)} "
             "samples per item)"]
    if len({tuple(sorted((s, tuple(i)) for s, i in r.manifest.form.items())) for r in runs}) > 1:
        notes.append("the pooled runs drew different forms; each item counts over the runs "
                     "that saw it")
    if len({r.manifest.pack_digest for r in runs}) > 1:
        notes.append("the pooled runs were made from different versions of the pack")
    protocols = sorted({r.manifest.protocol for r in runs})
    if len(protocols) > 1:
        notes.append(f"the pooled runs used different protocols ({', '.join(protocols)})")
    verdicts = {v for v in (_verdicts_path(r) for r in runs) if v}
    if len(verdicts) > 1:
        notes.append("the pooled runs name different contamination verdicts; the first "
                     "run's were used")
    return notes


def _pooled_manifest(group: RunGroup, samples: int) -> Manifest:
    first = group.runs[0]
    folder = recorded_pack_dir(first.path, first.manifest)
    verdicts = next((v for v in (_verdicts_path(r) for r in group.runs) if v), None)
    return first.manifest.model_copy(update={
        "run_id": "pooled",
        "pack_path": str(folder.resolve()) if folder is not None else first.manifest.pack_path,
        "samples": samples,
        "form": _union_form(group.runs),
        "contamination": verdicts,
    })


@contextmanager
def pooled_run(group: RunGroup) -> Iterator[Path]:
    """A run directory holding every run of ``group``: the run itself when there is one,
    else a temporary pooled copy (removed on exit)."""
    if len(group.runs) == 1:
        yield group.runs[0].path
        return
    with tempfile.TemporaryDirectory(prefix="examsim-pool-") as tmp:
        offset = 0
        shifted = []
        for run in group.runs:
            source = RunDir(run.path)
            samples = max(1, run.manifest.samples)
            shifted.append((source, offset, samples))
            offset += samples
        pooled = RunDir.create(Path(tmp) / "pooled", _pooled_manifest(group, offset))
        for source, start, samples in shifted:
            # Only the latest line per (item, sample) counts, as in the run itself.
            pooled.append_responses([
                record.model_copy(update={"sample": start + record.sample})
                for record in source.latest_responses().values() if record.sample < samples
            ])
            for grade in source.grades():
                if grade.sample < samples:
                    pooled.append_grade(grade.model_copy(update={"sample": start + grade.sample}))
        yield pooled.path
