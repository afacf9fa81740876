"""Damaged scales, conversion charts and norm tables (bundled or the user's own): they
load, or every problem names the file and the line or field; tables that load convert
any raw score and place any score without an error other than an ExamsimError."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from unittest import mock

import yaml
from hypothesis import given
from hypothesis import strategies as st

from examsim.errors import ExamsimError
from examsim.scoring import convert_raw, load_scale, percentile
from examsim.scoring.scales import tables_dir
from tests.hardening import profile
from tests.hardening.mutations import huge, mutate_bytes, mutate_structure, mutate_text
from tests.hardening.outcomes import handled
from tests.hardening.yamltext import dump

# One scale of each kind of form and norm table.
SCALES = ["lsat", "ap-biology", "ube", "gre-quant", "amc-10", "sat-ebrw"]
BUNDLED = tables_dir()


def _files(scale: str) -> list[str]:
    root = BUNDLED / scale
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.yaml"))


FILES = {scale: _files(scale) for scale in SCALES}
NORM_SCALES = [s for s in SCALES if any(f.startswith("norms/") for f in FILES[s])]


def _damage(draw: st.DrawFn, text: str) -> bytes:
    kind = draw(st.sampled_from(("structure", "structure", "text", "bytes", "huge")))
    if kind == "text":
        return mutate_text(draw, text).encode("utf-8")
    if kind == "bytes":
        return mutate_bytes(draw, text.encode("utf-8"))
    data = mutate_structure(draw, yaml.safe_load(text), steps=1 if kind == "huge" else 3)
    if kind == "huge" and isinstance(data, dict) and data:
        data[draw(st.sampled_from(sorted(data, key=str)))] = huge(draw)
    return dump(data).encode("utf-8")


def _use(draw: st.DrawFn, scale_id: str, root: Path, users: Path) -> None:
    """Load the scale, then convert raw scores and look up percentiles with it."""
    files = [p for p in (root / scale_id).rglob("*") if p.is_file()]
    files += [p for p in (users / scale_id).rglob("*") if p.is_file()]
    scale = handled(lambda: load_scale(scale_id, root=root, user_dir=users), files)
    if scale is None:
        return
    with mock.patch("examsim.scoring.scales.tables_dir", return_value=root), \
            mock.patch("examsim.scoring.scales.user_norms_dir", return_value=users):
        for name in scale.input_ids:
            raw = draw(st.one_of(st.floats(-5, 250), st.integers(0, 200)))
            try:
                conversion = convert_raw(scale_id, {name: raw})
            except ExamsimError:
                continue  # a raw score the form cannot take is the user's to fix
            assert conversion.text
        low, high = scale.range.min, scale.range.max
        score = draw(st.floats(low, high) if high > low else st.just(low))
        for norms in [None, *sorted(scale.norms)[:2]]:
            try:
                found = percentile(scale_id, round(score), norms)
            except ExamsimError:
                continue  # off the scale's grid, or no norm table
            assert 0 <= found.percentile_low <= found.percentile_high <= 100, found


@profile.fuzz(ci=40, night=1200)
@given(st.data())
def test_damaged_bundled_tables(data: st.DataObject) -> None:
    profile.counted("scale tables")
    scale_id = data.draw(st.sampled_from(SCALES))
    name = data.draw(st.sampled_from(FILES[scale_id]))
    with tempfile.TemporaryDirectory() as tmp:
        root, users = Path(tmp) / "tables", Path(tmp) / "users"
        shutil.copytree(BUNDLED / scale_id, root / scale_id)
        target = root / scale_id / name
        target.write_bytes(_damage(data.draw, target.read_text(encoding="utf-8")))
        _use(data.draw, scale_id, root, users)


@profile.fuzz(ci=40, night=1000)
@given(st.data())
def test_damaged_user_norm_tables(data: st.DataObject) -> None:
    profile.counted("user norms")
    scale_id = data.draw(st.sampled_from(NORM_SCALES))
    source = data.draw(st.sampled_from([f for f in FILES[scale_id] if f.startswith("norms/")]))
    table = yaml.safe_load((BUNDLED / scale_id / source).read_text(encoding="utf-8"))
    table["id"] = "my-class"  # the user's table needs an id of its own
    with tempfile.TemporaryDirectory() as tmp:
        root, users = Path(tmp) / "tables", Path(tmp) / "users"
        shutil.copytree(BUNDLED / scale_id, root / scale_id)
        (users / scale_id).mkdir(parents=True)
        (users / scale_id / "my-class.yaml").write_bytes(_damage(data.draw, dump(table)))
        _use(data.draw, scale_id, root, users)
