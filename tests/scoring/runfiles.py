"""Writing run directories for scoring tests, in the run-log format of examsim.runlog."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from examsim.packs import load_pack
from examsim.runlog import GradeRecord, Manifest, ResponseRecord, RunDir

STAMP = "2024-01-01T00:00:00.000Z"


def write_run(
    path: Path,
    pack_dir: Path,
    answers: Mapping[str, Any],
    grades: Iterable[tuple[str, str, str, float] | tuple[str, str, str, float, int]] = (),
    *,
    samples: int = 1,
    model: str = "mock/fixture",
    relative_pack: bool = False,
) -> Path:
    """A run of ``pack_dir`` in ``path``.

    ``answers`` maps item ids to what was answered: a value (status answered), the strings
    ``"<blank>"``, ``"<unparsed>"`` or ``"<error>"``, or, for several samples, a list with one
    such entry per sample. ``grades`` are (item, grader, kind, score[, sample]).
    """
    pack = load_pack(pack_dir)
    section_of = {item.id: section.id for section, item in pack.items()}
    pack_path = os.path.relpath(pack_dir, path) if relative_pack else str(pack_dir.resolve())
    manifest = Manifest(
        run_id=path.name, exam=pack.id, pack_path=pack_path, pack_digest=pack.digest,
        model=model, samples=samples, examsim_version="0.1.0",
        form={s.id: [i.id for i in s.items] for s in pack.sections},
        started_at=STAMP, finished_at=STAMP,
    )
    run = RunDir.create(path, manifest)
    for item_id, given in answers.items():
        per_sample = given if samples > 1 else [given]
        for sample, value in enumerate(per_sample):
            if value is None:
                continue
            status = "answered"
            if isinstance(value, str) and value in ("<blank>", "<unparsed>", "<error>"):
                status, value = value.strip("<>"), None
            run.append_response(
                ResponseRecord(item=item_id, section=section_of[item_id], sample=sample,
                               status=status, answer=value, at=STAMP)
            )
    for grade in grades:
        item_id, grader, kind, score = grade[:4]
        sample = grade[4] if len(grade) > 4 else 0
        run.append_grade(
            GradeRecord(item=item_id, sample=sample, grader=grader, grader_kind=kind,
                        score=score, at=STAMP)
        )
    return path
