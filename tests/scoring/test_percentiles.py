"""Score -> percentile range: properties over every norm table, labels as the report writes
them, and errors for scores and norms that do not exist."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examsim.errors import NotFoundError, ScoringError
from examsim.scoring import list_scale_ids, load_scale, percentile
from examsim.scoring.labels import label, ordinal
from examsim.scoring.percentiles import PercentileRange, percentile_range

TABLES = [
    (scale_id, norm_id)
    for scale_id in list_scale_ids()
    for norm_id in sorted(load_scale(scale_id).norms)
]


def _grid(scale_id: str) -> list[float]:
    scale = load_scale(scale_id)
    low = scale.range.min if scale.range.min is not None else 0.0
    high = scale.range.max if scale.range.max is not None else 4000.0
    count = round((high - low) / scale.range.step)
    return [round(low + i * scale.range.step, 6) for i in range(count + 1)]


@pytest.mark.parametrize(("number", "text"), [
    (0, "0th"), (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
    (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (88, "88th"), (100, "100th"),
    (101, "101st"), (111, "111th"), (112, "112th"),
])
def test_ordinals(number: int, text: str) -> None:
    assert ordinal(number) == text


@pytest.mark.parametrize(("scale_id", "score", "found", "text"), [
    ("lsat", 163, PercentileRange(87.6, 87.6, True), "163 (~88th)"),
    ("ap-biology", 5, PercentileRange(85.2, 100, False), "5 (85th - 100th)"),
    ("ube", 298, PercentileRange(89.5, 89.5, True), "298 / 400 (~90th)"),
    ("usnco-local", 36, None, "36 / 60"),
    ("mksap", 75, None, "75 %"),
    ("codeforces", 392, PercentileRange(0, 4.6, False), "392 (below 5th)"),
    ("amc-10", 30, PercentileRange(6.2, 11.8, False), "30 / 150 (6th - 12th)"),
    ("usabo-semifinal", 87, PercentileRange(99.4, 100, False), "87 / 150 (99th - 100th)"),
    ("sat-ebrw", 710, PercentileRange(93.1, 93.1, True), "710 / 800 (~93rd)"),
    ("gre-quant", 163, PercentileRange(80, 80, True), "163 / 170 (~80th)"),
    ("gre-writing", 4, PercentileRange(54, 54, True), "4 / 6 (~54th)"),
    ("lsat", 180, PercentileRange(99.85, 99.85, True), "180 (~99th)"),
])
def test_labels_read_like_the_report(
    scale_id: str, score: float, found: PercentileRange | None, text: str
) -> None:
    assert label(load_scale(scale_id).file, score, found) == text


@settings(max_examples=300, deadline=None)
@given(pick=st.sampled_from(TABLES), data=st.data())
def test_percentiles_stay_within_0_100_and_rise_with_the_score(
    pick: tuple[str, str], data: st.DataObject
) -> None:
    scale_id, norm_id = pick
    table = load_scale(scale_id).norms[norm_id]
    grid = _grid(scale_id)
    first, second = sorted(data.draw(st.lists(st.sampled_from(grid), min_size=2, max_size=2)))
    low, high = percentile_range(table, first), percentile_range(table, second)
    for found in (low, high):
        assert 0 <= found.low <= found.high <= 100
    assert low.low <= high.low and low.high <= high.high


@pytest.mark.parametrize(("scale_id", "norm_id"), [
    t for t in TABLES if load_scale(t[0]).norms[t[1]].file.kind == "distribution"
])
def test_bands_of_a_coarse_scale_tile_0_to_100(scale_id: str, norm_id: str) -> None:
    table = load_scale(scale_id).norms[norm_id]
    bands = [percentile_range(table, score) for score in _grid(scale_id)]
    assert bands[0].low == 0 and bands[-1].high == 100
    for before, after in zip(bands, bands[1:], strict=False):
        assert before.high == pytest.approx(after.low)


def test_a_score_between_listed_scores_gets_their_range() -> None:
    kaplan = load_scale("gre-quant").norms["kaplan-2015-2018"]
    assert percentile_range(kaplan, 165) == PercentileRange(82, 93, exact=False)
    assert percentile_range(kaplan, 163) == PercentileRange(82, 82, exact=True)
    ets = load_scale("gre-quant").norms["ets-2020-2023"]
    assert percentile_range(ets, 131) == PercentileRange(0, 1, exact=False)
    assert percentile("gre-quant", 131).label == "131 / 170 (below 1st)"


def test_distribution_band_is_normalised_by_its_total() -> None:
    macro = load_scale("ap-macroeconomics").norms["ap-2022"]  # the row adds up to 100.1
    band = percentile_range(macro, 5)
    assert band.low == pytest.approx(100 * 84.8 / 100.1, abs=1e-6)
    assert band.high == 100


def test_percentile_result_carries_its_source() -> None:
    result = percentile("lsat", 163, "gpt4-report")
    data = result.to_dict()
    assert data["label"] == "163 (~87th)"
    assert data["norms"] == "lsat-2016-2019"
    assert (data["percentile_low"], data["percentile_high"]) == (87.1, 87.1)
    assert data["definition"] == "below"
    assert data["source"] == "https://magoosh.com/lsat/2016/what-are-the-lsat-score-percentiles/"
    assert "stands in" in data["note"]
    assert percentile("lsat", 163).to_dict()["norms"] == "lsac-2023-2026"


def test_a_shared_set_falls_back_to_the_default_with_a_note() -> None:
    table, note = load_scale("mksap").norm_table("gpt4-report")
    assert table is None
    assert note == "No 'gpt4-report' norms exist for scale 'mksap'."
    table, note = load_scale("ap-biology").norm_table("gpt4-report")
    assert table is not None and table.id == "ap-2022" and note == ""


@pytest.mark.parametrize(("args", "error", "message"), [
    (("lsat", 190), ScoringError,
     "190 is not a score of scale 'lsat' (120 to 180 in steps of 1)"),
    (("gre-writing", 4.25), ScoringError, "4.25 is not a score of scale 'gre-writing'"),
    (("lsat", 160, "lsat-2030"), ScoringError,
     "Scale 'lsat' has no norms 'lsat-2030'. Norm tables: lsac-2023-2026, lsat-2014-2017, "
     "lsat-2016-2019; norm sets: gpt4-report."),
    (("usnco-local", 36), ScoringError, "Scale 'usnco-local' has no norm table"),
    (("lsatt", 160), NotFoundError, "Unknown scale 'lsatt'"),
])
def test_bad_lookups_say_what_is_wrong(
    args: tuple[object, ...], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        percentile(*args)  # type: ignore[arg-type]
    assert message in str(caught.value)
