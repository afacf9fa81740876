"""Figure 4: sizes, one bar per model and exam with a percentile, order, determinism."""

from __future__ import annotations

import builtins
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from examsim.errors import DependencyError, UsageError
from examsim.reports import build_table, draw_figure
from examsim.reports.figure import figure_data

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def svg(report_runs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("figure") / "figure4.svg"
    draw_figure([report_runs], out)
    return out


def test_figure_data_from_the_frame(report_runs: Path) -> None:
    data = figure_data(build_table([report_runs], bootstrap=0))
    assert data.columns == ("mock/model-a", "mock/model-a (no vision)", "mock/model-b")
    # Low to high by the first model's lower bound; rows it lacks would come last.
    assert data.rows == ("GRE Quantitative", "Uniform Bar Exam (MBE+MEE+MPT)", "AP Biology",
                         "GRE Writing", "LSAT", "GRE Verbal")
    firsts = [values[0] for values in data.values]
    assert firsts == sorted(firsts)  # type: ignore[type-var]
    values = dict(zip(data.rows, data.values, strict=True))
    assert values["AP Biology"] == (85.2, 62.1, None)
    assert values["GRE Writing"][2] is None  # awaiting grading: no bar
    assert values["Uniform Bar Exam (MBE+MEE+MPT)"][2] == 0  # "below 26th" starts at 0
    assert data.left_out == ("USNCO Local Section Exam 2022", "Mini Exam")
    assert data.bars == 12
    assert data.no_bar == (("GRE Writing", "mock/model-b"),)


def test_svg_has_one_bar_per_model_and_exam(svg: Path) -> None:
    root = ET.parse(svg).getroot()
    assert (root.get("width"), root.get("height")) == ("504pt", "324pt")
    bars = [g.get("id") for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("bar-")]
    assert len(bars) == 12 == len(set(bars))
    per_model = {c: sum(1 for b in bars if b and b.split("-")[1] == str(c)) for c in range(3)}
    assert per_model == {0: 6, 1: 2, 2: 4}
    text = svg.read_text(encoding="utf-8")
    # Text is drawn as glyph paths; the labels survive as comments naming each glyph run.
    assert "Estimated percentile lower bound (among test takers)" in text
    assert "mock/model-a (no vision)" in text


def test_bar_heights_follow_the_percentiles(svg: Path) -> None:
    root = ET.parse(svg).getroot()
    heights: dict[str, float] = {}
    for g in root.iter(f"{SVG}g"):
        gid = g.get("id") or ""
        if gid.startswith("bar-"):
            path = g.find(f"{SVG}path")
            assert path is not None
            ys = [float(y) for y in re.findall(r"[ML]\s*[-\d.]+\s+([-\d.]+)", path.get("d", ""))]
            heights[gid] = max(ys) - min(ys)
    # Same model, two exams: AP Biology (85.2) against GRE Quantitative (53.0).
    assert heights["bar-0-2"] / heights["bar-0-0"] == pytest.approx(85.2 / 53.0, rel=1e-3)


def test_svg_is_reproducible(report_runs: Path, svg: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.svg"
    draw_figure([report_runs], again)
    assert again.read_bytes() == svg.read_bytes()


def test_png_size(report_runs: Path, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "figure4.png"
    result = draw_figure([report_runs], out)
    with Image.open(out) as image:
        assert image.size == (1400, 900)
        assert image.format == "PNG"
    assert result.data.bars == 12


def test_pdf(report_runs: Path, tmp_path: Path) -> None:
    out = tmp_path / "figure4.pdf"
    draw_figure([report_runs / "a-model-a" / "lsat"], out)
    assert out.read_bytes()[:5] == b"%PDF-"


def test_wrong_suffix_is_refused_before_scoring(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"--out .*figure\.jpg: the figure is written as PNG"):
        draw_figure([tmp_path / "no-such-runs"], tmp_path / "figure.jpg")


def test_nothing_to_draw(report_runs: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"No exam has a percentile to draw \(left out: "
                       r"USNCO Local Section Exam 2022\)"):
        draw_figure([report_runs / "a-model-a" / "usnco"], tmp_path / "f.png")


def test_missing_matplotlib_names_the_extra(report_runs: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_matplotlib(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError(f"No module named '{name}'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    with pytest.raises(DependencyError) as caught:
        draw_figure([report_runs / "a-model-a" / "lsat"], tmp_path / "f.png")
    assert str(caught.value) == (
        "Drawing Figure 4 needs the 'matplotlib' package. "
        'Install it with: pip install "examsim[plot]"'
    )
