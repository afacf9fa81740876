"""Export round trips on the mini pack, printable papers, and starter packs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from examsim.errors import ExamsimError
from examsim.packs import inspect_pack, load_pack
from examsim.packs.exporters import export_pack
from examsim.packs.importers import import_file
from examsim.packs.model import item_max_points
from examsim.packs.preview import build_paper
from examsim.packs.preview.html import render_html
from examsim.packs.preview.pdf import render_pdf
from examsim.packs.scaffold import new_pack


@pytest.mark.parametrize("fmt", ["qti", "moodle", "md"])
def test_round_trip_keeps_items_keys_and_points(fmt: str, mini_pack: Path,
                                                tmp_path: Path) -> None:
    pack = load_pack(mini_pack)
    exported = export_pack(pack, fmt, tmp_path / f"mini-export.{fmt}")
    assert exported.items == pack.item_count() == 8
    back = import_file(exported.path, format=fmt, out=tmp_path / "back", pack_id="mini-back")
    again = {item.id: item for _, item in back.pack.items()}
    assert list(again) == [item.id for _, item in pack.items()]
    for _, item in pack.items():
        copy = again[item.id]
        assert copy.type == item.type
        assert getattr(copy, "answer", None) == getattr(item, "answer", None), item.id
        assert item_max_points(copy) == item_max_points(item), item.id
        assert item.stem in copy.stem  # a passage may now precede the stem
        if hasattr(item, "choices"):
            assert copy.choices == item.choices  # type: ignore[union-attr]
    assert again["num-1"].tolerance == pytest.approx(0.01)  # type: ignore[union-attr]
    assert again["sa-1"].accepted == ["Jupiter"]  # type: ignore[union-attr]
    image = again["mc-3"].images[0]
    assert image.alt == "A small solid red square."
    assert (back.out / image.path).read_bytes() == (mini_pack / "assets/square.png").read_bytes()


def test_qti_package_layout(mini_pack: Path, tmp_path: Path) -> None:
    result = export_pack(load_pack(mini_pack), "qti", tmp_path / "mini.zip")
    with zipfile.ZipFile(result.path) as archive:
        names = sorted(archive.namelist())
        manifest = archive.read("imsmanifest.xml").decode()
        test = archive.read("test.xml").decode()
    assert "imsmanifest.xml" in names and "items/mc-1.xml" in names
    assert "images/square.png" in names
    assert 'type="imsqti_item_xmlv2p1"' in manifest
    assert '<timeLimits maxTime="600" />' in test
    with pytest.raises(ExamsimError, match="already exists"):
        export_pack(load_pack(mini_pack), "qti", tmp_path / "mini.zip")


def test_moodle_export_embeds_images_and_rubrics(mini_pack: Path, tmp_path: Path) -> None:
    result = export_pack(load_pack(mini_pack), "moodle", tmp_path / "mini.xml")
    text = result.path.read_text(encoding="utf-8")
    assert 'src="@@PLUGINFILE@@/square.png"' in text and 'encoding="base64"' in text
    assert "Names Rayleigh scattering of sunlight by air molecules. (2 points)" in text
    assert text.count('type="category"') == 2


def test_paper_html_embeds_images_and_key_only_on_request(mini_pack: Path) -> None:
    pack = load_pack(mini_pack)
    paper = render_html(build_paper(pack))
    assert "data:image/png;base64," in paper
    assert "Time: 10 minutes" in paper and "Choose the best answer to each question." in paper
    assert "The river rises in the hills" in paper and paper.count("The river rises") == 1
    assert "Answer:</strong>" not in paper
    key = render_html(build_paper(pack, answers=True))
    assert "<strong>Answer:</strong> B" in key and "2 + 3 = 5." in key
    assert "Do not reward" in key  # grader notes of the rubric


def test_paper_pdf_text(mini_pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "paper.pdf"
    out.write_bytes(render_pdf(build_paper(load_pack(mini_pack), answers=True)))
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Mini Exam (test pack)" in text
    assert "1. (1 point)" in text and "What is 2 + 3?" in text
    assert "Answer: B" in text
    assert any(page.images for page in reader.pages)  # the square is printed


@pytest.mark.parametrize(("template", "count"), [("mc", 2), ("essay", 2), ("mixed", 6)])
def test_new_pack_validates(template: str, count: int, tmp_path: Path) -> None:
    pack = new_pack("my-quiz", template, tmp_path / "my-quiz", name="My: Quiz")
    assert pack.item_count() == count and pack.exam.name == "My: Quiz"
    assert inspect_pack(tmp_path / "my-quiz")[1] == []
    assert "# " in (tmp_path / "my-quiz" / "exam.yaml").read_text(encoding="utf-8")


def test_new_pack_refuses_bad_id_and_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(ExamsimError, match="not a valid pack id"):
        new_pack("my quiz", "mc", tmp_path / "a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ExamsimError, match="not empty"):
        new_pack("b", "mc", tmp_path / "b")
    assert (tmp_path / "b" / "notes.txt").read_text(encoding="utf-8") == "keep me"
