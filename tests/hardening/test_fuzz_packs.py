"""Damaged exam packs, rubrics and YAML: every outcome is a valid pack or problems that
name the file and the line or field, and a pack that does load can be planned and read."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from examsim.contamination.itemtext import exam_texts
from examsim.errors import Problem
from examsim.grading import grade_run
from examsim.packs import Pack, inspect_pack
from examsim.runlog import Manifest, ResponseRecord, RunDir
from examsim.runner import plan_run
from examsim.scoring import score_run
from examsim.yamlfile import parse_yaml
from tests.conftest import DATA
from tests.hardening import profile
from tests.hardening.mutations import huge, mutate_bytes, mutate_structure, mutate_text
from tests.hardening.outcomes import check_problem, handled
from tests.hardening.yamltext import dump

MINI = DATA / "packs" / "mini"
FILES = ["exam.yaml", "items/mc.yaml", "items/essay.yaml", "fewshot.yaml"]
ORIGINAL = {name: (MINI / name).read_text(encoding="utf-8") for name in FILES}
PARSED = {name: yaml.safe_load(text) for name, text in ORIGINAL.items()}


def _damage(draw: st.DrawFn, name: str) -> bytes:
    kind = draw(st.sampled_from(("structure", "structure", "text", "bytes", "huge")))
    if kind == "structure":
        return dump(mutate_structure(draw, PARSED[name])).encode("utf-8")
    if kind == "text":
        return mutate_text(draw, ORIGINAL[name]).encode("utf-8")
    if kind == "bytes":
        return mutate_bytes(draw, ORIGINAL[name].encode("utf-8"))
    data = mutate_structure(draw, PARSED[name], steps=1)
    if isinstance(data, dict) and data:
        data[draw(st.sampled_from(sorted(data, key=str)))] = huge(draw)
    return dump(data).encode("utf-8")


def _check_pack(root: Path) -> tuple[Pack | None, list[Problem]]:
    """Inspect the pack at ``root``, check what that gives, and return it."""
    files = [p for p in root.rglob("*") if p.is_file()] + [root]
    pack, problems = inspect_pack(root)
    if pack is None:
        assert problems
    for problem in problems:
        check_problem(problem, files)
    if pack is not None and not [p for p in problems if p.fix]:
        # A pack that validates can be planned (every prompt built) and read for
        # contamination, without an error of any kind.
        handled(lambda: plan_run(root, "mock/answer-key"), files)
        exam_texts(pack, True)
    return pack, problems


@profile.fuzz(ci=60, night=3000)
@given(st.data())
def test_damaged_pack_files(data: st.DataObject) -> None:
    profile.counted("packs")
    names = data.draw(st.lists(st.sampled_from(FILES), min_size=1, max_size=2, unique=True))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pack"
        shutil.copytree(MINI, root)
        for name in names:
            (root / name).write_bytes(_damage(data.draw, name))
        _check_pack(root)


RUBRIC_FIELDS = st.sampled_from(["rubric", "points", "reference_answer", "materials"])


@profile.fuzz(ci=40, night=1500)
@given(st.data())
def test_damaged_rubrics(data: st.DataObject) -> None:
    profile.counted("rubrics")
    parsed: Any = yaml.safe_load(ORIGINAL["items/essay.yaml"])
    item = data.draw(st.sampled_from(parsed["items"]))
    field = data.draw(RUBRIC_FIELDS)
    if field in item and isinstance(item[field], dict | list) and item[field]:
        item[field] = mutate_structure(data.draw, item[field])
    else:
        item[field] = data.draw(st.one_of(
            st.floats(-10, 10), st.integers(-3, 12), st.text(max_size=20),
            st.just({"kind": "holistic", "min": 6, "max": 1}),
            st.just({"kind": "holistic", "min": 0, "max": 6, "step": 4}),
            st.just({"kind": "analytic", "criteria": []}),
        ))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pack"
        shutil.copytree(MINI, root)
        (root / "items" / "essay.yaml").write_text(dump(parsed), encoding="utf-8")
        pack, problems = _check_pack(root)
        if pack is not None and not problems:
            _grade_and_score(pack, Path(tmp) / "run")


def _grade_and_score(pack: Pack, path: Path) -> None:
    """A run of the pack with an answer to every essay, graded by the offline baseline
    and scored: a rubric that validates can be graded and scored."""
    run = RunDir.create(path, Manifest(
        run_id="fuzz", exam=pack.id, pack_path=str(pack.root), pack_digest=pack.digest,
        model="mock/answer-key", examsim_version="0",
        form={s.id: [i.id for i in s.items] for s in pack.sections}))
    for section, item in pack.items():
        run.append_response(ResponseRecord(
            item=item.id, section=section.id, status="answered", answer="Rayleigh scattering "
            "of short blue wavelengths by air molecules", output="An answer."))
    report = grade_run(path, ["mock/reference-match"], pack=pack.root)
    assert not report.failed, report
    scored = score_run(path, pack=pack, bootstrap=20)
    assert all(s.status in ("scored", "no_items") for s in scored.scores), scored


@profile.fuzz(ci=80, night=1500)
@given(st.one_of(
    st.text(max_size=400),
    st.builds(lambda parts: "\n".join(parts), st.lists(st.sampled_from([
        "a: 1", "- x", "  - y", "b: &anchor [1, 2]", "c: *anchor", "d: *missing",
        "!!python/name:os.system",
        "e: !!binary aGVsbG8=", "f: {", "g: [", "? complex", ": value", "%YAML 1.1", "---", "...",
        "h: 'unclosed", 'i: "\\x', "a: 2", "\t- tab", "j: !tag value", "k: 0o17", "l: 1e400",
    ]), max_size=12)),
))
def test_any_yaml_text_parses_or_says_where_it_breaks(text: str) -> None:
    profile.counted("yaml")
    path = Path("fuzz.yaml")
    doc = parse_yaml(text, path)
    if isinstance(doc, Problem):
        check_problem(doc, [path])
        assert "YAML" in doc.message
    else:
        assert doc.lines[()] == 1


def test_a_control_character_is_reported_with_its_line() -> None:
    doc = parse_yaml("id: mini\nname: Mini\x1f Exam\n", Path("exam.yaml"))
    assert isinstance(doc, Problem)
    assert str(doc) == ("exam.yaml:2: YAML error: the character U+001F is not allowed in "
                        "YAML. Fix: Delete that character or replace it with a space.")
