"""Item pools: each sitting draws its own form with the runner's seeded draw."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from examsim.packs import load_pack
from examsim.runlog import RunDir
from examsim.runner import run_exam
from examsim.runner.form import draw_form
from examsim.runner.run import RunOptions
from examsim.take import sitting_result, start_sitting

from .conftest import FakeClock, key_of, write_pool_pack


def test_each_sitting_draws_its_own_form_and_the_manifest_records_it(
        tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    pack_dir = write_pool_pack(tmp_path)
    seeds = itertools.count(101)
    monkeypatch.setattr("examsim.take.start.secrets.randbelow", lambda _: next(seeds))
    first = start_sitting(pack_dir, "Ana", out=tmp_path / "a", clock=clock)
    second = start_sitting(pack_dir, "Bo", out=tmp_path / "b", clock=clock)
    forms = []
    for sitting, seed in ((first, 101), (second, 102)):
        manifest = RunDir(sitting.run.path).manifest()
        assert manifest.seed == seed
        assert manifest.parameters["sitting"]["seed_given"] is False
        drawn = manifest.form["element"]
        # One question from each of the ten groups, in pool order.
        assert [i.split("-")[0] for i in drawn] == [f"g{g}" for g in range(10)]
        assert drawn == draw_form(load_pack(pack_dir), seed)["element"]
        assert [s.item.id for s in sitting.section.items] == drawn
        forms.append(drawn)
    assert forms[0] != forms[1]


def test_a_person_and_a_model_with_the_same_seed_sit_the_same_form(
        tmp_path: Path, clock: FakeClock) -> None:
    pack_dir = write_pool_pack(tmp_path, shuffled=True)
    person = start_sitting(pack_dir, "Ana", out=tmp_path / "person", seed=7, clock=clock)
    model = run_exam(pack_dir, "mock/answer-key", out=tmp_path / "model",
                     options=RunOptions(seed=7))
    form = RunDir(tmp_path / "model").manifest().form
    assert RunDir(person.run.path).manifest().form == form
    assert model.sections[0].items == 10
    # Shuffled: not in pool order, but the same order for the same seed.
    assert form["element"] != sorted(form["element"], key=lambda i: int(i[1:].split("-")[0]))
    other = start_sitting(pack_dir, "Bo", out=tmp_path / "other", seed=8, clock=clock)
    assert RunDir(other.run.path).manifest().form != form


@pytest.mark.parametrize(("right", "passed"), [(7, True), (6, False)])
def test_the_pass_mark_is_applied_to_the_drawn_form(
        tmp_path: Path, clock: FakeClock, right: int, passed: bool) -> None:
    pack_dir = write_pool_pack(tmp_path)
    sitting = start_sitting(pack_dir, "Ana", out=tmp_path / "s", seed=3, clock=clock)
    sitting.begin_section()
    for n, state in enumerate(sitting.section.items):
        key = key_of(state.item.id)
        wrong = "B" if key != "B" else "C"
        sitting.answer(key if n < right else wrong)
        sitting.next()
    sitting.end_section("submitted")
    sitting.finish()
    result = sitting_result(sitting.run.path, sitting.pack)
    (mark,) = result.pass_marks
    assert (mark.section, mark.raw, mark.mark, mark.passed) == ("element", right, 7, passed)
    assert result.score.scores[0].label == f"{right * 10} %"
