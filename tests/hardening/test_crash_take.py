"""`examsim take` on a real terminal, killed with SIGKILL at random moments while a person
answers, then resumed: every answer given is kept once, the sitting goes on where it
stopped, and it scores exactly as a sitting that was never interrupted."""

from __future__ import annotations

import random
import signal
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from examsim.runlog import RunDir
from examsim.scoring import score_run
from tests.hardening import profile
from tests.hardening.generated import person_answer, write_pack
from tests.hardening.terminal import Terminal

MC, NUMERIC = 40, 10
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]


def _answers(term: Terminal, items: list[int], numbers: list[int], total: int,
             at: int) -> int:
    """Type the person's answer to each item; ``numbers`` are the questions' positions."""
    for n, number in zip(items, numbers, strict=True):
        at = term.wait_for(f"question {number} of {total}", after=at)
        term.enter(person_answer(n, MC))
        at = term.wait_for(f"Saved question {number}: ", after=at)
    return at


def _submit(term: Terminal, at: int) -> int:
    at = term.wait_for("Question number: ", after=at)
    term.enter(":s")
    at = term.wait_for("Type yes to submit: ", after=at)
    term.enter("yes")
    return term.wait_for("submitted.", after=at)


def _second_section(term: Terminal, at: int) -> None:
    at = term.wait_for("Press Enter to begin", after=at)
    term.enter()
    at = _answers(term, list(range(MC, MC + NUMERIC)), list(range(1, NUMERIC + 1)), NUMERIC,
                  at)
    at = _submit(term, at)
    term.wait_for("Finished.", after=at)
    assert term.finish() == 0


def _start(pack: Path, out: Path) -> tuple[Terminal, int]:
    term = Terminal(["take", str(pack), "--name", "Ana", "--out", str(out)])
    at = term.wait_for("Press Enter to begin")
    term.enter()
    return term, at


def _scores(out: Path) -> Any:
    return score_run(out, bootstrap=50).to_dict()["scores"]


def test_killed_sittings_resume_to_the_uninterrupted_result(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, mc=MC, numeric=NUMERIC)
    term, at = _start(pack, tmp_path / "whole")
    at = _answers(term, list(range(MC)), list(range(1, MC + 1)), MC, at)
    _second_section(term, _submit(term, at))
    expected = _scores(tmp_path / "whole")
    assert expected[0]["status"] == "scored"

    rng = random.Random(11)
    for round_ in range(profile.kills()):
        out = tmp_path / f"killed-{round_}"
        answered = rng.randint(1, MC - 1)
        term, at = _start(pack, out)
        at = _answers(term, list(range(answered)), list(range(1, answered + 1)), MC, at)
        # The kill lands after a save, halfway through typing, or on the Enter itself.
        moment = rng.choice(("saved", "typing", "enter"))
        if moment != "saved":
            at = term.wait_for(f"question {answered + 1} of {MC}", after=at)
            text = person_answer(answered, MC)
            term.type(text if moment == "typing" else text + "\r")
        term.kill()
        kept = RunDir(out).responses()
        assert [r.item for r in kept] in ([f"q{n}" for n in range(answered)],
                                          [f"q{n}" for n in range(answered + 1)])
        assert RunDir(out).manifest().finished_at is None

        term = Terminal(["take", "--resume", str(out)])
        at = term.wait_for("Resuming ")
        rest = list(range(len(kept), MC))
        at = _answers(term, rest, [n + 1 for n in rest], MC, at)
        _second_section(term, _submit(term, at))

        lines = RunDir(out).responses()
        counts = Counter(r.item for r in lines)
        assert sorted(counts) == sorted(f"q{n}" for n in range(MC + NUMERIC))
        assert set(counts.values()) == {1}, f"round {round_}: an answer was saved twice"
        assert {r.status for r in lines} == {"answered"}
        assert _scores(out) == expected, f"round {round_} (killed at {moment} of {answered})"
