"""PDF import: the two public-domain PDFs cross-checked against their machine-readable
question pools, and generated printed exams (two columns, key pages, inline choices)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from PIL import Image as PILImage

from examsim.packs import inspect_pack
from examsim.packs.importers import ImportOptions, import_file
from examsim.packs.importers.pdf import importer, parse_keys
from examsim.packs.schema import MultipleChoiceItem, ShortAnswerItem
from tests.authoring.printed import one_column, two_columns
from tests.conftest import FIXTURES

NCVEC_PDF = FIXTURES / "pdf" / "ncvec_technician_2026-2030_pool_linked.pdf"
NCVEC_JSON = FIXTURES / "question_pool" / "ncvec_technician_2026-2030.json"
USCIS_PDF = FIXTURES / "pdf" / "uscis_civics_100q_rev0117.pdf"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.replace("\u201c", '"').replace("\u201d", '"').split())


@pytest.fixture(scope="module")
def ncvec(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    # The one slow test input (91 pages, about 4 s): read once for every check below.
    out = tmp_path_factory.mktemp("ncvec") / "pool"
    return import_file(NCVEC_PDF, out=out, pack_id="technician")


def test_ncvec_pool_matches_the_published_json(ncvec) -> None:  # type: ignore[no-untyped-def]
    pool = json.loads(NCVEC_JSON.read_text(encoding="utf-8"))
    items = {item.id: item for _, item in ncvec.pack.items()}
    assert len(items) == len(pool) == 409
    differing = set()
    for row in pool:
        item = items[row["id"]]
        assert isinstance(item, MultipleChoiceItem)
        assert item.answer == row["correct_letter"], row["id"]
        assert [_norm(c) for c in item.choices.values()] == [_norm(a) for a in row["answers"]]
        if _norm(item.stem) != _norm(row["question"]):
            differing.add(row["id"])
    # The JSON snapshot words four stems differently from the PDF (checked by reading both:
    # e.g. T0A10 "What hazard occurs" in the PDF, "What hazard exists" in the JSON).
    assert differing == {"T1C01", "T5A05", "T7A09", "T0A10"}
    assert _norm(items["T0A10"].stem).startswith("What hazard occurs when rapidly charging")


def test_ncvec_groups_topics_and_report(ncvec) -> None:  # type: ignore[no-untyped-def]
    items = {item.id: item for _, item in ncvec.pack.items()}
    assert items["T1A05"].group == "T1A"
    assert items["T1B01"].topic is not None and items["T1B01"].topic.startswith("T1B Frequency")
    assert ncvec.pack.exam.provenance == "imported"
    skipped = {s.what for s in ncvec.report.skipped}
    assert "front matter" in skipped
    # The three figures sit on pages without questions: saved, listed, not attached.
    figures = [n for n in ncvec.report.notes if n.what == "image"]
    assert len(figures) == 3
    assert all((ncvec.out / n.reason.split()[2]).is_file() for n in figures)
    mentions = {n.what for n in ncvec.report.notes if "mentions a figure" in n.reason}
    assert "item 'T6A09'" in mentions


def test_uscis_civics_free_response_with_bullet_answers(tmp_path: Path) -> None:
    result = import_file(USCIS_PDF, out=tmp_path / "civics")
    items = [item for _, item in result.pack.items()]
    assert len(items) == 100
    first = items[0]
    assert isinstance(first, ShortAnswerItem)
    assert first.stem == "What is the supreme law of the land?"
    assert first.accepted == ["the Constitution"]
    assert first.topic == "Principles of American Democracy"
    # Tab-split words are joined back into a readable stem.
    assert items[2].stem.startswith("The idea of self-government is in the first three words")
    assert items[12].topic == "System of Government"
    assert items[99].stem == "Name two national U.S. holidays."
    assert len(items[99].accepted) == 10  # type: ignore[union-attr]
    # "Answers will vary" cannot be keyed: an essay with the source's guidance as notes.
    assert items[19].type == "free_response"
    assert "Answers will vary" in items[19].rubric.notes  # type: ignore[union-attr]
    assert any("several answers" in n.reason for n in result.report.notes)


def test_two_columns_with_a_key_page(tmp_path: Path) -> None:
    left = ["1. Which gas do plants take in to make", "sugar in daylight?",
            "A. Oxygen", "B. Carbon dioxide", "C. Nitrogen", "D. Helium",
            "2. How many sides has a hexagon when", "it is drawn flat on paper?",
            "A. Five", "B. Six", "C. Seven", "D. Eight"]
    right = ["3. Which metal is liquid at room", "temperature in a laboratory?",
             "(A) Iron (B) Mercury", "(C) Copper (D) Tin",
             "4. Which organ pumps blood around the", "whole body of a mammal?",
             "A) Lung", "B) Liver", "C) Heart", "D) Kidney"]
    pdf = two_columns(tmp_path / "two.pdf", left, right)
    # A key page as a separate file, to go with the two-column paper.
    key = tmp_path / "key.txt"
    key.write_text("Answer key\n1. B\n2. B\n3. B\n4. C\n", encoding="utf-8")
    result = import_file(pdf, out=tmp_path / "out", options=ImportOptions(answers=key))
    items = [item for _, item in result.pack.items()]
    assert [i.id for i in items] == ["q1", "q2", "q3", "q4"]
    assert items[0].stem == "Which gas do plants take in to make sugar in daylight?"
    assert items[2].choices == {"A": "Iron", "B": "Mercury", "C": "Copper", "D": "Tin"}  # type: ignore[union-attr]
    assert [i.answer for i in items] == ["B", "B", "B", "C"]  # type: ignore[union-attr]
    assert any(n.what == "layout" for n in result.report.notes)


def test_key_page_inside_the_pdf_and_unkeyed_question_reported(tmp_path: Path) -> None:
    lines = ["Chemistry quiz", "Question 1) What is the symbol for gold?", "(A) Ag", "(B) Au",
             "(C) Gd", "(D) Go", "Question 2) Which particle has no charge?", "A. Proton",
             "B. Electron", "C. Neutron", "Question 3) Which of these are noble gases?",
             "A. Neon", "B. Argon", "C. Sodium", "D. Chlorine",
             "Question 4) What is the pH of pure water at 25 C?"]
    pdf = one_column(tmp_path / "quiz.pdf", lines,
                     key_page=["ANSWER KEY", "1. B   2. C", "3. A, B", "4. 7"])
    result = import_file(pdf, out=tmp_path / "out")
    items = {i.id: i for _, i in result.pack.items()}
    assert items["q1"].answer == "B"  # type: ignore[union-attr]
    assert items["q2"].choices["C"] == "Neutron"  # type: ignore[union-attr]
    assert items["q3"].answer == ["A", "B"]  # type: ignore[union-attr]
    assert items["q4"].type == "numeric" and items["q4"].answer == 7  # type: ignore[union-attr]
    assert [s.what for s in result.report.skipped] == ["front matter"]


def test_missing_key_is_reported_not_guessed(tmp_path: Path) -> None:
    pdf = one_column(tmp_path / "nokey.pdf", ["1. What is 2 + 2?", "A. 3", "B. 4",
                                             "2. What is 3 + 3?", "A. 6", "B. 7",
                                             "Answer: A"])
    result = import_file(pdf, out=tmp_path / "out")
    items = [i for _, i in result.pack.items()]
    assert [(i.id, i.answer) for i in items] == [("q2", "A")]  # type: ignore[union-attr]
    assert "no answer key" in result.report.skipped[0].reason
    assert result.report.skipped[0].where.endswith("question 1")


def test_image_next_to_the_question_that_mentions_it(tmp_path: Path) -> None:
    picture = tmp_path / "square.png"
    PILImage.new("RGB", (60, 60), (200, 0, 0)).save(picture)
    lines = ["1. What colour is the square in the figure?", "A. Red", "B. Blue",
             "Answer: A"]
    pdf = one_column(tmp_path / "fig.pdf", lines, image=(picture, 0))
    result = import_file(pdf, out=tmp_path / "out")
    (item,) = [i for _, i in result.pack.items()]
    assert len(item.images) == 1
    assert item.images[0].alt == "Imported image 1 of item q1 (no description in source)"
    assert (result.out / item.images[0].path).stat().st_size > 0
    assert inspect_pack(result.out)[1] == []


def test_parse_keys_forms() -> None:
    assert parse_keys("1. B 2) C 3: A, D\nT1A01 C") == {
        "1": ["B"], "2": ["C"], "3": ["A", "D"], "T1A01": ["C"]}
    assert parse_keys("12. 3.5") == {"12": "3.5"}


def test_pdf_reads_fast_enough_to_register_lazily() -> None:
    assert importer.name == "pdf" and ".pdf" in importer.extensions
