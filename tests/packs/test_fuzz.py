"""Random YAML, random structures and random bytes never crash pack loading."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from examsim.packs import inspect_pack
from tests.conftest import DATA

MINI = DATA / "packs" / "mini"
FILES = ["exam.yaml", "items/mc.yaml", "items/essay.yaml", "fewshot.yaml"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["multiple_choice", "free_response", "analytic", "holistic", "A", "B",
                     "items/mc.yaml", "../x", "assets/square.png"]),
)
keys = st.one_of(st.text(max_size=12), st.sampled_from(
    ["id", "type", "stem", "choices", "answer", "items", "rubric", "kind", "sections",
     "scores", "inputs", "criteria", "points", "levels", "passages", "sets", "images"]))
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)


def _check(root: Path) -> None:
    pack, problems = inspect_pack(root)
    if pack is None:
        assert problems
        for problem in problems:
            assert problem.file is not None
            assert str(problem)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=st.sampled_from(FILES), text=st.text(max_size=300))
def test_random_text_never_crashes(file: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pack"
        shutil.copytree(MINI, root)
        (root / file).write_text(text, encoding="utf-8")
        _check(root)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=st.sampled_from(FILES), data=structures)
def test_random_structures_never_crash(file: str, data: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pack"
        shutil.copytree(MINI, root)
        with (root / file).open("w", encoding="utf-8") as fh:
            YAML(typ="safe", pure=True).dump(data, fh)
        _check(root)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=st.sampled_from(FILES), blob=st.binary(max_size=200))
def test_random_bytes_never_crash(file: str, blob: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pack"
        shutil.copytree(MINI, root)
        (root / file).write_bytes(blob)
        _check(root)


def test_yaml_tags_are_not_executed(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(MINI, root)
    marker = tmp_path / "pwned"
    (root / "exam.yaml").write_text(
        f"!!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    pack, problems = inspect_pack(root)
    assert pack is None and problems
    assert not marker.exists()


def test_billion_laughs_is_bounded(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(MINI, root)
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    (root / "exam.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pack, problems = inspect_pack(root)
    assert pack is None and problems
