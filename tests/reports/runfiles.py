"""Run directories for report tests, written with the run log's own classes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from examsim.contamination.verdicts import ItemVerdict, VerdictFile, write_verdicts
from examsim.packs import load_pack
from examsim.runlog import GradeRecord, Manifest, ResponseRecord, RunDir
from tests.conftest import DATA

STAMP = "2024-01-01T00:00:00.000Z"
PACKS = DATA / "packs"
REPORT_PACKS = Path(__file__).resolve().parent / "data" / "packs"

Grade = tuple[str, str, str, float] | tuple[str, str, str, float, int]


def write_run(
    path: Path,
    pack_dir: Path,
    answers: Mapping[str, Any],
    grades: Iterable[Grade] = (),
    *,
    model: str = "mock/model-a",
    vision: bool = True,
    samples: int = 1,
    candidate: str | None = None,
    contaminated: Iterable[str] | None = None,
    form: Mapping[str, list[str]] | None = None,
) -> Path:
    """A finished run of ``pack_dir`` in ``path``.

    ``answers`` maps item ids to an answer, ``"<blank>"``, ``"<unparsed>"``, ``"<error>"``,
    or (several samples) a list of those. ``grades`` are (item, grader, kind, score[,
    sample]). ``contaminated`` items get a verdict file in the run, recorded in the manifest.
    """
    pack = load_pack(pack_dir)
    section_of = {item.id: section.id for section, item in pack.items()}
    manifest = Manifest(
        run_id=path.name, exam=pack.id, pack_path=str(pack_dir.resolve()),
        pack_digest=pack.digest, model=model, candidate=candidate, vision=vision,
        samples=samples, examsim_version="0.1.0",
        form=dict(form) if form else {s.id: [i.id for i in s.items] for s in pack.sections},
        started_at=STAMP, finished_at=STAMP,
    )
    run = RunDir.create(path, manifest)
    for item_id, given in answers.items():
        for sample, value in enumerate(given if samples > 1 else [given]):
            if value is None:
                continue
            status = "answered"
            if isinstance(value, str) and value in ("<blank>", "<unparsed>", "<error>"):
                status, value = value.strip("<>"), None
            run.append_response(ResponseRecord(
                item=item_id, section=section_of[item_id], sample=sample, status=status,
                answer=value, output=None if value is None else f"Answer: {value}",
                error="timed out" if status == "error" else None, at=STAMP))
    for grade in grades:
        item_id, grader, kind, score = grade[:4]
        sample = grade[4] if len(grade) > 4 else 0
        run.append_grade(GradeRecord(item=item_id, sample=sample, grader=grader,
                                     grader_kind=kind, score=score, comment=f"{grader} says so",
                                     at=STAMP))
    if contaminated is not None:
        dirty = set(contaminated)
        verdicts = VerdictFile(
            exam=pack.id, pack_digest=pack.digest, method="substring", options={},
            engine="local", corpus=[], documents=1, bytes_read=100, started_at=STAMP,
            finished_at=STAMP, elapsed_s=0.0,
            items=[ItemVerdict(item=item.id, section=section.id, contaminated=item.id in dirty,
                               method="substring", checked=True, keys=3, needed=1,
                               matched=1 if item.id in dirty else 0)
                   for section, item in pack.items()],
        )
        write_verdicts(path / "verdicts.json", verdicts)
        run.write_manifest(run.manifest().model_copy(update={"contamination": "verdicts.json"}))
    return path
