"""A hand-made run of the mini pack with known points, for full-vs-clean tests."""

from __future__ import annotations

from pathlib import Path

from examsim.packs import load_pack
from examsim.runlog import Answer, GradeRecord, Manifest, ResponseRecord, RunDir
from examsim.version import __version__

# mc section (wrong -0.25): mc-1, mc-3, mc-4, num-1 right, mc-2 and sa-1 wrong -> 3.5 / 6.
ANSWERS: dict[str, Answer] = {
    "mc-1": "B", "mc-2": "A", "mc-3": "A", "mc-4": ["A", "C"], "num-1": 3.5, "sa-1": "Saturn",
    "essay-1": "Light scatters.", "essay-2": "Homework helps.",
}
# essay section: 2 / 3 and 3 / 6 -> 5 / 9.
GRADES = {"essay-1": (2.0, 3.0), "essay-2": (3.0, 6.0)}
# A corpus holding mc-1 and essay-1 word for word.
CORPUS = "What is 2 + 3? 4 5 6 7\nExplain why the sky looks blue on a clear day.\n"


def make_run(path: Path, pack_dir: Path) -> Path:
    pack = load_pack(pack_dir)
    run = RunDir.create(path, Manifest(
        run_id=path.name, exam=pack.id, pack_path=str(pack.root.resolve()),
        pack_digest=pack.digest, model="mock/test", examsim_version=__version__,
    ))
    for item, answer in ANSWERS.items():
        section = "essay" if item.startswith("essay") else "mc"
        run.append_response(ResponseRecord(item=item, section=section, status="answered",
                                           answer=answer, output=str(answer)))
    for item, (score, top) in GRADES.items():
        run.append_grade(GradeRecord(item=item, grader="human:ann", grader_kind="human",
                                     score=score, max=top))
    return path
