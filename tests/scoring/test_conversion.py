"""Raw -> scaled: properties over every bundled form, and conversions checked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examsim.errors import ScoringError
from examsim.scoring import convert_raw, list_scale_ids, load_scale
from examsim.scoring.conversion import convert

# Every (scale, form) with both ends of the range known.
FORMS = [
    (scale_id, form_id)
    for scale_id in list_scale_ids()
    for form_id in sorted(load_scale(scale_id).forms)
    if load_scale(scale_id).range.min is not None and load_scale(scale_id).range.max is not None
]


def _scaled(scale_id: str, form_id: str, fractions: dict[str, float]) -> float:
    scale = load_scale(scale_id)
    form = scale.forms[form_id]
    ones = dict.fromkeys(scale.input_ids, 1.0)
    return float(convert(form, scale.range, fractions, ones).scaled)


@pytest.mark.parametrize(("scale_id", "form_id"), FORMS)
def test_every_form_covers_both_ends_of_its_scale(scale_id: str, form_id: str) -> None:
    scale = load_scale(scale_id)
    inputs = scale.input_ids
    assert _scaled(scale_id, form_id, dict.fromkeys(inputs, 0.0)) == scale.range.min
    assert _scaled(scale_id, form_id, dict.fromkeys(inputs, 1.0)) == scale.range.max


@settings(max_examples=300, deadline=None)
@given(
    pick=st.sampled_from(FORMS),
    data=st.data(),
)
def test_more_raw_points_never_lower_the_score(pick: tuple[str, str], data: st.DataObject) -> None:
    scale_id, form_id = pick
    scale = load_scale(scale_id)
    inputs = scale.input_ids
    fraction = st.floats(min_value=0, max_value=1, allow_nan=False)
    base = {name: data.draw(fraction) for name in inputs}
    raised = data.draw(st.sampled_from(inputs))
    more = dict(base, **{raised: data.draw(st.floats(min_value=base[raised], max_value=1))})
    low, high = _scaled(scale_id, form_id, base), _scaled(scale_id, form_id, more)
    assert low <= high
    assert scale.range.min <= low <= scale.range.max  # type: ignore[operator]


def test_lsat_chart_and_projection() -> None:
    assert convert_raw("lsat", {"total": 81}).scaled == 163
    assert convert_raw("lsat", {"total": 82}).scaled == 163
    assert convert_raw("lsat", {"total": 13}).scaled == 120
    scale = load_scale("lsat")
    # 76 of 100 questions is 75.24 of the chart's 99: raw 75 -> 159.
    projected = convert(scale.form(), scale.range, {"total": 76}, {"total": 100})
    assert float(projected.scaled) == 159
    assert float(projected.projected["total"]) == pytest.approx(75.24)


def test_sat_ebrw_reproduces_the_college_board_worked_example() -> None:
    # "Scoring Your SAT Practice Test #4": Reading 29 -> 27, Writing 19 -> 23, (27+23) x 10.
    result = convert_raw("sat-ebrw", {"reading": 29, "writing": 19})
    assert result.scaled == 500
    assert result.parts == {"reading": 27, "writing": 23}
    assert result.text == "500 / 800"
    assert convert_raw("sat-ebrw", {"reading": 29}).scaled == 27  # one test score alone


def test_gre_linear_rule_rounds_half_up() -> None:
    assert convert_raw("gre-verbal", {"total": 39}).scaled == 169
    assert convert_raw("gre-quant", {"total": 33}).scaled == 163
    assert convert_raw("gre-quant", {"total": 20.5}).scaled == 151  # 150.5 -> 151
    assert convert_raw("gre-writing", {"total": 8.5}).scaled == 4.5  # mean 4.25 -> 4.5


def test_ap_composite_cut_points() -> None:
    at_cut = convert_raw("ap-biology", {"mc": 42, "fr": 7}, maxima={"fr": 10})
    assert at_cut.parts["composite"] == pytest.approx(70.0)
    assert at_cut.scaled == 5
    below = convert_raw("ap-biology", {"mc": 42, "fr": 6.99}, maxima={"fr": 10})
    assert below.scaled == 4
    # Macroeconomics weighs multiple choice two thirds.
    macro = convert_raw("ap-macroeconomics", {"mc": 60, "fr": 0}, maxima={"fr": 10})
    assert macro.parts["composite"] == pytest.approx(66.67, abs=0.01)
    assert macro.scaled == 4


def test_amc_rounding_on_each_form() -> None:
    scale = load_scale("amc-12")
    points = {"total": 60.0}
    clean = {"total": 144.0}  # 24 of 25 questions
    assert float(convert(scale.forms["points"], scale.range, points, clean).scaled) == 63
    assert float(convert(scale.forms["gpt4-whole-points"], scale.range, points, clean).scaled) \
        == 62  # 62.5 -> 62 (half to even)
    amc10 = load_scale("amc-10")
    assert float(convert(amc10.forms["points"], amc10.range, {"total": 30.0}, clean).scaled) \
        == 31.5
    assert convert_raw("amc-10", {"total": 30}).text == "30 / 150"


def test_ube_components_reproduce_katz_et_al() -> None:
    result = convert_raw(
        "ube", {"mbe": 157, "mee": 4.1875, "mpt": 4.2083},
        maxima={"mbe": 200, "mee": 6, "mpt": 6},
    )
    assert result.parts["mee"] == pytest.approx(83.75)
    assert result.parts["mpt"] == pytest.approx(56.11, abs=0.01)
    assert result.scaled == 297
    assert result.text == "297 / 400"
    mbe_alone = convert_raw("ube", {"mbe": 150}, maxima={"mbe": 200})
    assert mbe_alone.scaled == 150 and mbe_alone.parts == {"mbe": 150}


def test_percent_and_points() -> None:
    assert convert_raw("mksap", {"total": 807}, maxima={"total": 1080}).text == "75 %"
    assert convert_raw("leetcode-easy", {"total": 31}).text == "31 / 41"
    assert convert_raw("raw-points", {"total": 35.75}, maxima={"total": 60}).text \
        == "35.75 / 60"


@pytest.mark.parametrize(
    ("scale", "raw", "maxima", "form", "message"),
    [
        ("lsat", {"total": 120}, None, None, "Raw score 120 for input 'total' is outside 0-99"),
        ("ap-biology", {"mc": 50}, None, None, "combines inputs mc, fr; give each"),
        ("ap-biology", {"mc": 50, "fr": 3}, None, None,
         "The maximum raw score of input 'fr' on form 'approximate-cuts' is not known"),
        ("lsat", {"verbal": 3}, None, None, "Scale 'lsat' has no input verbal"),
        ("lsat", {"total": 3}, None, "pt99", "Scale 'lsat' has no form 'pt99'. Forms: 6lsn68."),
        ("gre-quant", {"total": -1}, None, None, "outside 0-40"),
    ],
)
def test_bad_conversions_say_what_to_fix(
    scale: str, raw: dict[str, float], maxima: dict[str, float] | None, form: str | None,
    message: str,
) -> None:
    with pytest.raises(ScoringError, match=message.replace("(", r"\(").replace(")", r"\)")):
        convert_raw(scale, raw, form=form, maxima=maxima)
