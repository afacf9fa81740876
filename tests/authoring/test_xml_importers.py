"""Moodle XML and QTI 2.1/3.0 imports: fixture files, hand-written samples, and hostile
input (entity expansion, zip members outside the package)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from examsim.errors import ExamsimError
from examsim.packs.importers import import_file
from examsim.packs.schema import FreeResponseItem
from tests.conftest import FIXTURES


def _items(result):  # type: ignore[no-untyped-def]
    return {item.id: item for _, item in result.pack.items()}


def test_moodle_all_types(tmp_path: Path) -> None:
    result = import_file(FIXTURES / "moodle_xml" / "qaseditor_all.xml", out=tmp_path / "m")
    items = _items(result)
    assert [s.section.name for s in result.pack.sections] == [
        "qas_editor", "second_cat", "num", "alternative-format"]
    essay = items["Essai1"]
    assert isinstance(essay, FreeResponseItem) and essay.points == 1.1
    assert "Grader Info test" in essay.rubric.notes
    layout = items["html-layout"]
    assert layout.answer == "A" and layout.points == 1.3
    assert [i.alt for i in layout.images] == [
        "Imported image 1 of item html-layout (no description in source)", "escargot"]
    assert (result.out / layout.images[1].path).read_bytes().startswith(b"<?xml")
    assert "$\\int {2\\pi} x^2 \\mathrm{d} x$" in layout.stem
    assert items["num-float"].tolerance == 0.001
    assert items["tf"].answer == "B" and items["tf"].images
    kinds = sorted(s.what for s in result.report.skipped)
    assert kinds == ["calculated question", "calculatedmulti question",
                     "calculatedmulti question", "calculatedsimple question", "cloze question",
                     "ddimageortext question", "ddmarker question", "ddwtos question",
                     "description question", "gapselect question", "matching question",
                     "randomsamatch question"]


def test_moodle_nested_categories(tmp_path: Path) -> None:
    result = import_file(FIXTURES / "moodle_xml" / "moodle_nested_categories_with_questions.xml",
                         out=tmp_path / "m")
    assert [(s.section.name, len(s.items)) for s in result.pack.sections] == [
        ("Iota", 1), ("Kappa", 2), ("Lambda", 1), ("Mu", 1)]


def test_moodle_hand_written_multi_answer_and_grader_info(tmp_path: Path) -> None:
    source = tmp_path / "bank.xml"
    source.write_text("""<?xml version="1.0"?>
<quiz>
  <question type="multichoice"><name><text>primes</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which are <em>prime</em>?</p>]]></text>
    </questiontext><defaultgrade>2</defaultgrade><single>false</single>
    <answer fraction="50"><text>2</text></answer><answer fraction="-50"><text>4</text></answer>
    <answer fraction="50"><text>5</text></answer></question>
  <question type="essay"><name><text>essay</text></name>
    <questiontext format="plain_text"><text>Discuss.</text></questiontext>
    <defaultgrade>5</defaultgrade>
    <graderinfo format="html"><text>Reward clear structure.</text></graderinfo></question>
</quiz>""", encoding="utf-8")
    items = _items(import_file(source, out=tmp_path / "p"))
    assert items["primes"].stem == "Which are *prime*?"
    assert items["primes"].answer == ["A", "C"] and items["primes"].points == 2
    assert items["essay"].rubric.max == 5
    assert "Reward clear structure." in items["essay"].rubric.notes


def test_qti21_package_with_image(tmp_path: Path) -> None:
    result = import_file(FIXTURES / "qti21" / "tao_package_with_image.zip", out=tmp_path / "q")
    (item,) = _items(result).values()
    assert item.answer == "A" and len(item.choices) == 3
    assert item.images[0].alt == "NEVER LEAVE LUGGAGE UNATTENDED"
    assert (result.out / item.images[0].path).read_bytes()[:4] == b"\x89PNG"


def test_qti21_loose_items_report_missing_images(tmp_path: Path) -> None:
    result = import_file(FIXTURES / "qti21" / "qtisdk_extended_text.xml", out=tmp_path / "q")
    (item,) = _items(result).values()
    assert item.type == "free_response"
    assert "> Here is a postcard of my town." in item.stem
    assert "images/postcard.png" in result.report.notes[0].what


def test_qti30_test_package(tmp_path: Path) -> None:
    result = import_file(FIXTURES / "qti30" / "1edtech_BBQsTest.zip", out=tmp_path / "q")
    items = _items(result)
    assert len(items) == 9 and len(result.report.skipped) == 13
    assert [s.section.name for s in result.pack.sections] == [
        "Section 1 - BBQ items a-m", "Section 2 - BBQ items n-z"]
    assert items["MultipleAnswer-choice-materials"].answer == ["A", "B"]
    assert items["MultipleChoice-choice-polynomials"].choices["A"] == "$$\\sec^2{\\theta}$$"
    assert items["TheAnswer-001"].answer == 42 and items["TheAnswer-001"].points == 10
    assert items["text_entry-calculus"].accepted == ["gradient", "slope"]
    reasons = " ".join(s.reason for s in result.report.skipped)
    for kind in ("ordering", "matching", "file upload", "inline choices", "gap matching"):
        assert kind in reasons
    single = import_file(FIXTURES / "qti30" / "1edtech_QTI3multiplechoice2.xml",
                         out=tmp_path / "s")
    (mc,) = _items(single).values()
    assert mc.answer == ["A", "D"] and mc.choices["D"] == "Oxygen"


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><quiz>&b;</quiz>', encoding="utf-8")
    with pytest.raises(ExamsimError, match="refuses to expand"):
        import_file(bomb, format="moodle", out=tmp_path / "p")


def test_zip_member_outside_the_package_is_refused(tmp_path: Path) -> None:
    package = tmp_path / "evil.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("imsmanifest.xml", "<manifest/>")
        archive.writestr("../../escape.txt", "x")
    with pytest.raises(ExamsimError, match="points outside the package"):
        import_file(package, out=tmp_path / "p")
    assert not (tmp_path.parent / "escape.txt").exists()


def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text('<quiz>\n<question type="essay">\n</quiz>\n', encoding="utf-8")
    with pytest.raises(ExamsimError, match=r"broken\.xml:3: malformed XML"):
        import_file(broken, format="moodle", out=tmp_path / "p")
