"""`examsim grade --human` killed with SIGKILL at random moments while a person types,
then started again: every response ends with exactly one grade from that person, the
marks typed, and the same scores as a session that was never stopped."""

from __future__ import annotations

import random
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path
from typing import IO

import pytest

from examsim.packs import load_pack
from examsim.runlog import Manifest, ResponseRecord, RunDir
from examsim.scoring import score_run
from tests.hardening import profile
from tests.hardening.crash import examsim, examsim_command
from tests.hardening.generated import human_marks, write_essay_pack

ESSAYS = 30
GRADER = "human:crash tester"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]


def _run(pack_root: Path, path: Path) -> RunDir:
    pack = load_pack(pack_root)
    run = RunDir.create(path, Manifest(
        run_id=path.name, exam=pack.id, pack_path=str(pack.root), pack_digest=pack.digest,
        model="mock/answer-key", examsim_version="0",
        form={s.id: [i.id for i in s.items] for s in pack.sections}))
    run.append_responses([ResponseRecord(item=f"e{n}", section="fr", status="answered",
                                         answer=f"An answer to essay {n}.", output="text")
                          for n in range(ESSAYS)])
    return run


def _pending(run: RunDir) -> list[int]:
    graded = {g.item for g in run.grades() if g.grader == GRADER}
    return [n for n in range(ESSAYS) if f"e{n}" not in graded]


def _typed(essays: list[int]) -> list[str]:
    return [line for n in essays for line in human_marks(n)]


def _grade_args(run: RunDir) -> list[str]:
    return ["grade", str(run.path), "--human", "--grader-name", GRADER.split(":", 1)[1]]


def _finish(run: RunDir) -> None:
    """Start the session again and type every mark still missing."""
    lines = _typed(_pending(run))
    done = subprocess.run([*examsim_command(), *_grade_args(run)],
                          input="\n".join(lines) + "\n", text=True, capture_output=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("; 0 response(s) left."), done.stdout


def _scores(run: RunDir) -> object:
    return score_run(run.path, bootstrap=50).to_dict()["scores"]


def test_killed_grading_sessions_resume_to_the_same_grades(tmp_path: Path) -> None:
    pack = write_essay_pack(tmp_path, ESSAYS)
    whole = _run(pack, tmp_path / "whole")
    _finish(whole)
    expected = _scores(whole)
    assert [g.item for g in whole.grades()] == [f"e{n}" for n in range(ESSAYS)]

    rng = random.Random(7)
    saved_before_kills: list[int] = []
    for round_ in range(profile.kills()):
        run = _run(pack, tmp_path / f"killed-{round_}")
        lines = _typed(list(range(ESSAYS)))
        stop_after = rng.randint(1, len(lines) - 1)  # lines typed before the kill
        proc = examsim(_grade_args(run), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
        assert proc.stdin is not None and proc.stdout is not None
        screen = _Screen(proc.stdout)
        screen.wait_for(b"Grading run")  # the session is up; the person starts typing
        for line in lines[:stop_after]:
            proc.stdin.write((line + "\n").encode())
            proc.stdin.flush()
            time.sleep(rng.uniform(0, 0.02))  # a person types; the kill lands anywhere
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        kept = run.grades()
        # Nothing typed after the kill was saved; nothing saved twice.
        whole_essays = sum(1 for n in range(ESSAYS)
                           if len(_typed(list(range(n + 1)))) <= stop_after)
        assert len(kept) <= whole_essays
        assert len({g.item for g in kept}) == len(kept)
        saved_before_kills.append(len(kept))

        _finish(run)
        grades = run.grades()
        per_response = Counter((g.item, g.sample, g.grader) for g in grades)
        assert set(per_response.values()) == {1}, f"round {round_}: graded twice"
        assert len(per_response) == ESSAYS, f"round {round_}: a response left ungraded"
        for grade in grades:
            n = int(grade.item[1:])
            marks = human_marks(n)
            if n % 2 == 0:
                assert grade.criteria == {"content": float(marks[0]),
                                          "clarity": float(marks[1])}
                assert grade.comment == marks[2]
            else:
                assert grade.score == float(marks[0])
        assert _scores(run) == expected, f"round {round_} (killed after {stop_after} lines)"
    assert sum(saved_before_kills) > 0, "every kill landed before any grade was saved"


class _Screen:
    """What the child prints, read as it comes (so that its pipe never fills)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.seen = b""
        self._lock = threading.Lock()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        for chunk in iter(lambda: stream.read1(4096), b""):  # type: ignore[attr-defined]
            with self._lock:
                self.seen += chunk

    def wait_for(self, text: bytes, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if text in self.seen:
                    return
            time.sleep(0.01)
        raise AssertionError(f"{text!r} never appeared")
