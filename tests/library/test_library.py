"""The bundled exam library: every pack valid, original text, oracle and chance runs."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.packs import inspect_pack, list_pack_refs, load_pack
from examsim.packs.schema import FreeResponseItem, MultipleChoiceItem
from examsim.resources import bundled_dir

TABLE1_PACKS = [
    "bar-exam", "lsat", "sat", "gre", "usabo-semifinal", "usnco-local", "mksap",
    "sommelier-introductory", "sommelier-certified", "sommelier-advanced", "amc-10", "amc-12",
    "ap-art-history", "ap-biology", "ap-calculus-bc", "ap-chemistry", "ap-english-language",
    "ap-english-literature", "ap-environmental-science", "ap-macroeconomics",
    "ap-microeconomics", "ap-physics-2", "ap-psychology", "ap-statistics", "ap-us-government",
    "ap-us-history", "ap-world-history",
]
WINDOW = 50
_KEEP = re.compile(r"[^0-9a-z]+")


def bundled_ids() -> list[str]:
    return [ref.id for ref in list_pack_refs() if ref.origin == "bundled"]


def normalised(text: str) -> str:
    return _KEEP.sub("", text.casefold())


def test_every_table1_exam_has_a_pack() -> None:
    missing = sorted(set(TABLE1_PACKS) - set(bundled_ids()))
    assert missing == []


@pytest.mark.parametrize("exam", bundled_ids())
def test_pack_is_valid_original_and_licensed(exam: str) -> None:
    root = bundled_dir("exams") / exam
    pack, problems = inspect_pack(root)
    assert problems == [], "\n".join(str(p) for p in problems)
    assert pack is not None
    assert pack.exam.provenance in ("original", "public-domain")
    assert pack.exam.license
    for psection in pack.sections:
        if psection.section.format == "multiple_choice":
            assert len(psection.items) >= min(25, psection.section.official_length or 25)
        fewshot = psection.section.protocol.fewshot
        if psection.section.format == "multiple_choice":
            assert fewshot is not None and len(pack.fewshot[fewshot].items) >= 3
    for _, item in pack.items():
        for image in item.images:
            assert (root / image.path).stat().st_size < 300_000, image.path


OWN_PASSAGE: set[tuple[str, str]] = set()
"""(item unit, passage unit) pairs: an item may quote the passage it is about."""


def _units() -> dict[str, str]:
    """Every piece of question text in the library: each item's own text, each passage once."""
    units: dict[str, str] = {}
    for exam in bundled_ids():
        pack = load_pack(bundled_dir("exams") / exam)
        for psection in pack.sections:
            for pid, text in psection.passages.items():
                units.setdefault(f"{exam}/passage:{pid}", text)
            for item in psection.items:
                parts = [item.stem]
                if isinstance(item, MultipleChoiceItem):
                    parts += list(item.choices.values())
                if isinstance(item, FreeResponseItem):
                    parts += [m.body for m in item.materials]
                units[f"{exam}/{item.id}"] = "\n".join(parts)
                if item.passage:
                    OWN_PASSAGE.add(tuple(sorted(  # type: ignore[arg-type]
                        (f"{exam}/{item.id}", f"{exam}/passage:{item.passage}"))))
        for fset in pack.fewshot.values():
            for item in fset.items:
                units[f"{exam}/fewshot:{item.id}"] = item.stem
    return units


def test_no_two_items_share_fifty_normalised_characters() -> None:
    owners: dict[str, str] = {}
    clashes: defaultdict[tuple[str, str], str] = defaultdict(str)
    for unit, text in _units().items():
        norm = normalised(text)
        windows = {norm[i:i + WINDOW] for i in range(max(0, len(norm) - WINDOW + 1))}
        for window in windows:
            other = owners.setdefault(window, unit)
            if other != unit and tuple(sorted((other, unit))) not in OWN_PASSAGE:
                clashes[tuple(sorted((other, unit)))] = window  # type: ignore[index]
    report = [f"{a} ~ {b}: {w}" for (a, b), w in sorted(clashes.items())]
    assert report == []


def test_list_shows_every_pack_with_item_counts() -> None:
    result = CliRunner().invoke(app, ["list", "--json"])
    assert result.exit_code == 0
    rows = {row["id"]: row for row in json.loads(result.output)}
    for exam in bundled_ids():
        assert rows[exam]["problems"] == 0
        assert rows[exam]["items"] > 0


@pytest.mark.parametrize("exam", bundled_ids())
def test_answer_key_scores_the_maximum_and_chance_stays_low(exam: str, tmp_path: Path) -> None:
    from examsim.runner import RunOptions, run_exam
    from examsim.scoring import score_run

    root = bundled_dir("exams") / exam
    pack = load_pack(root)
    key_dir, rand_dir = tmp_path / "key", tmp_path / "rand"
    graders = ("mock/reference-match",)
    run_exam(root, "mock/answer-key", out=key_dir, options=RunOptions(graders=graders))
    run_exam(root, "mock/random", out=rand_dir, options=RunOptions(graders=graders, seed=1))
    key = score_run(key_dir, pack=pack).to_dict()
    rand = score_run(rand_dir, pack=pack).to_dict()
    for section in key["sections"]:
        assert section["raw"] == pytest.approx(section["max"]), section["id"]
    key_share = sum(s["raw"] for s in key["sections"]) / sum(s["max"] for s in key["sections"])
    rand_share = sum(s["raw"] for s in rand["sections"]) / sum(s["max"] for s in
                                                                rand["sections"])
    assert key_share == pytest.approx(1.0)
    assert rand_share < 0.5
