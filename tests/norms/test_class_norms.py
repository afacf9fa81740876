"""Class norm tables: reading a score list, writing a table the scorer loads, percentiles."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from examsim.errors import NotFoundError, UsageError
from examsim.scoring import load_scale, percentile, user_norms_dir
from examsim.scoring.class_norms import (
    ScoresFileError,
    build_class_norms,
    list_user_norms,
    read_scores,
)

LSAT_CLASS = "name,score\nAna,150\nBo,150\nCy,155\nDi,160\nEd,160\nFay,160\nGil,165\nHal,170\n"


def _csv(tmp_path: Path, text: str, name: str = "class.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_the_table_counts_each_score_and_loads_as_user_norms(tmp_path: Path) -> None:
    built = build_class_norms(_csv(tmp_path, LSAT_CLASS), "lsat", "class-2025",
                              population="Evening LSAT course, spring 2025",
                              vintage="Spring 2025")
    assert built.path == user_norms_dir() / "lsat" / "class-2025.yaml"
    assert (built.takers, built.replaced, built.scores.column) == (8, False, "score")
    data = yaml.safe_load(built.path.read_text(encoding="utf-8"))
    assert data["distribution"] == {150: 2, 155: 1, 160: 3, 165: 1, 170: 1}
    assert (data["kind"], data["definition"], data["quality"]) == (
        "distribution", "band", "derived")
    assert data["population"] == "Evening LSAT course, spring 2025"
    assert data["vintage"] == "Spring 2025"
    assert built.path.read_text().startswith("# Class norm table written by 'examsim norms "
                                             "build'.\n")
    table = load_scale("lsat").norms["class-2025"]
    assert table.origin == "user"
    summary = built.to_dict()
    assert (summary["min"], summary["median"], summary["max"]) == (150, 160, 170)


@pytest.mark.parametrize(("score", "low", "high", "label"), [
    # 3 of 8 score below 160 and 6 of 8 at or below it.
    (160, 37.5, 75.0, "160 (38th - 75th)"),
    (170, 87.5, 100.0, "170 (88th - 100th)"),
    (150, 0.0, 25.0, "150 (below 25th)"),
    # A score nobody in the class had: everyone below it, nobody at it.
    (158, 37.5, 37.5, "158 (~38th)"),
    (180, 100.0, 100.0, "180 (~99th)"),
])
def test_percentiles_are_bands_within_the_class(tmp_path: Path, score: int, low: float,
                                                high: float, label: str) -> None:
    build_class_norms(_csv(tmp_path, LSAT_CLASS), "lsat", "class-2025")
    found = percentile("lsat", score, "class-2025")
    assert (found.percentile_low, found.percentile_high, found.label) == (low, high, label)
    assert found.norms.definition == "band"


def test_every_bad_line_is_listed_and_nothing_is_written(tmp_path: Path) -> None:
    path = _csv(tmp_path, "name,score\nAna,150\nBo,\nCy,abc\nDi,190\nEd,150.5\n\nFay,160\n"
                          "Gus,nan\n")
    with pytest.raises(ScoresFileError) as caught:
        build_class_norms(path, "lsat", "class-2025")
    assert str(caught.value) == "\n".join([
        f"5 problem(s) in {path}; no norm table was written:",
        f"  {path}:3: column 'score': no score. Fix: Fill in the score or delete the line.",
        f"  {path}:4: column 'score': 'abc' is not a number. Fix: Write the score as a "
        "number, e.g. 163 or 72.5.",
        f"  {path}:5: column 'score': 190 is outside scale 'lsat' (120 to 180 in steps of 1). "
        "Fix: Correct the score, or choose the scale the scores are on with --scale.",
        f"  {path}:6: column 'score': 150.5 is not a score of scale 'lsat' (120 to 180 in "
        "steps of 1). Fix: Round it to the scale's step, or pass --round.",
        f"  {path}:9: column 'score': 'nan' is not a number. Fix: Write the score as a "
        "number, e.g. 163 or 72.5.",
    ])
    assert not (user_norms_dir() / "lsat").exists()


def test_line_numbers_count_quoted_line_breaks(tmp_path: Path) -> None:
    path = _csv(tmp_path, 'name,score\n"Ana\nLima",150\nBo,999\n')
    with pytest.raises(ScoresFileError, match=r"class\.csv:4: column 'score': 999 is outside"):
        read_scores(path, load_scale("lsat").file)


def test_round_puts_scores_on_the_step(tmp_path: Path) -> None:
    path = _csv(tmp_path, "score\n72.5\n72.49\n88\n")
    built = build_class_norms(path, "percent-correct", "quiz-1", round_scores=True)
    assert sorted(built.scores.scores) == [72.0, 73.0, 88.0]
    assert built.scores.rounded == 2
    assert "2 rounded to the scale's step" in built.table.file.retrieval


def test_semicolons_decimal_commas_a_bom_and_a_named_column(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Schüler;Punkte;Note\nAna;4,5;2\nBo;3;3\nCy;5,5;1\n",
                encoding="utf-8-sig")
    scores = read_scores(path, load_scale("gre-writing").file, column="punkte")
    assert (scores.column, scores.scores) == ("Punkte", (4.5, 3.0, 5.5))


@pytest.mark.parametrize(("text", "column", "message"), [
    ("name,points,grade\nAna,3,B\n", None,
     "class.csv:1: header: no score column among 'name', 'points', 'grade'. Fix: Name the "
     "column with --column, or call it 'score'."),
    ("name,score\nAna,150\n", "marks",
     "class.csv:1: header: no column 'marks'; the columns are 'name', 'score'. Fix: Name "
     "one of them with --column."),
    ("", None, "class.csv:1: header: the file has no header line."),
    ("score\n150\n", None, "class.csv: column 'score': 1 score(s); a norm table needs at "
                           "least 2."),
])
def test_unusable_lists_say_why(tmp_path: Path, text: str, column: str | None,
                                message: str) -> None:
    with pytest.raises(ScoresFileError) as caught:
        read_scores(_csv(tmp_path, text), load_scale("lsat").file, column)
    assert message in str(caught.value)


def test_the_only_column_is_the_score_column(tmp_path: Path) -> None:
    scores = read_scores(_csv(tmp_path, "LSAT\n151\n152\n"), load_scale("lsat").file)
    assert (scores.column, scores.scores) == ("LSAT", (151.0, 152.0))


def test_a_missing_or_binary_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no such file. Fix: give the CSV"):
        read_scores(tmp_path / "none.csv", load_scale("lsat").file)
    (tmp_path / "bin.csv").write_bytes(b"score\n\xff\xfe\n")
    with pytest.raises(ScoresFileError, match="is not UTF-8 text"):
        read_scores(tmp_path / "bin.csv", load_scale("lsat").file)


@pytest.mark.parametrize(("norm_id", "message"), [
    ("lsat-2016-2019", "Scale 'lsat' has a built-in norm table 'lsat-2016-2019'."),
    ("gpt4-report", "'gpt4-report' is the name of a norm set of scale 'lsat'."),
    ("class 2025", "'class 2025' cannot be a norm table id."),
    ("-x", "'-x' cannot be a norm table id."),
])
def test_ids_that_would_hide_other_tables_are_refused(tmp_path: Path, norm_id: str,
                                                      message: str) -> None:
    with pytest.raises(UsageError, match=message):
        build_class_norms(_csv(tmp_path, LSAT_CLASS), "lsat", norm_id)


def test_an_existing_table_is_replaced_only_with_force(tmp_path: Path) -> None:
    first = build_class_norms(_csv(tmp_path, LSAT_CLASS), "lsat", "class-2025")
    with pytest.raises(UsageError, match=r"A norm table 'class-2025' for scale 'lsat' exists "
                                         r".*pass --force to replace it\."):
        build_class_norms(_csv(tmp_path, "score\n120\n180\n", "b.csv"), "lsat", "class-2025")
    assert percentile("lsat", 160, "class-2025").label == "160 (38th - 75th)"
    second = build_class_norms(_csv(tmp_path, "score\n120\n180\n", "b.csv"), "lsat",
                               "class-2025", force=True)
    assert second.replaced and second.path == first.path
    assert percentile("lsat", 160, "class-2025").label == "160 (~50th)"
    assert not list((user_norms_dir() / "lsat").glob(".*"))  # no temporary file left


def test_an_unknown_scale(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="Unknown scale 'lsatt'"):
        build_class_norms(_csv(tmp_path, LSAT_CLASS), "lsatt", "class")


def test_the_user_tables_are_listed(tmp_path: Path) -> None:
    assert list_user_norms() == []
    build_class_norms(_csv(tmp_path, LSAT_CLASS), "lsat", "b-class")
    build_class_norms(_csv(tmp_path, "score\n40\n60\n"), "percent-correct", "a-quiz",
                      population="Quiz takers")
    listed = [(t.scale, t.id, t.population) for t in list_user_norms()]
    assert listed == [("lsat", "b-class", "The 8 takers in class.csv"),
                      ("percent-correct", "a-quiz", "Quiz takers")]
