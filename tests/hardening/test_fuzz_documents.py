"""Damaged documents to import: printed exams as PDF (cut short, garbage, huge) and every
other import format (GIFT, Aiken, Moodle XML, QTI 2.1/3.0 files and zip packages,
text2qti Markdown, MMLU CSV, JSONL). An import gives a valid pack or an error naming the
file; what it writes stays inside its folder."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from examsim.errors import ExamsimError
from examsim.packs import inspect_pack
from examsim.packs.importers import ImportOptions, import_file
from examsim.packs.schema import MultipleChoiceItem
from tests.conftest import FIXTURES
from tests.hardening import profile
from tests.hardening.documents import exam_pdf
from tests.hardening.mutations import mutate_bytes, mutate_text
from tests.hardening.outcomes import handled

PDFS = [exam_pdf(1), exam_pdf(2, image=False)]
# Numbers in a PDF's syntax: object numbers, lengths, offsets, sizes.
_NUMBER = re.compile(rb"\d+")
SOURCES = [
    "gift/giftpeg_options1.gift", "gift/moodle_questions.gift.txt",
    "aiken/qaseditor_aiken_1.txt", "aiken/moodle_aiken_errors.txt",
    "moodle_xml/qaseditor_essay.xml", "moodle_xml/moodle_nested_categories_with_questions.xml",
    "moodle_xml/qaseditor_multichoice_embedded_images.xml",
    "qti21/qtisdk_choice.xml", "qti21/qtisdk_extended_text.xml", "qti21/tao_package_with_image.zip",
    "qti30/1edtech_QTI3multiplechoice2.xml", "qti30/1edtech_essay.xml",
    "text2qti/text2qti_demo_quiz.txt", "text2qti/molpopgen_quiz_groups_codeblocks.md",
    "mmlu_csv/college_chemistry_val.csv", "agieval_jsonl/aqua-rat.jsonl",
]
ORIGINALS = {name: (FIXTURES / name).read_bytes() for name in SOURCES}
ORIGINALS["agieval_jsonl/aqua-rat.jsonl"] = b"".join(
    ORIGINALS["agieval_jsonl/aqua-rat.jsonl"].splitlines(keepends=True)[:15])
FORMATS = {"gift": "gift", "aiken": "aiken", "moodle_xml": "moodle", "qti21": "qti",
           "qti30": "qti", "text2qti": "md", "mmlu_csv": "csv", "agieval_jsonl": "jsonl"}


def _damage_pdf(draw: st.DrawFn, blob: bytes) -> bytes:
    kind = draw(st.sampled_from(("bytes", "bytes", "numbers", "nesting", "pages")))
    if kind == "bytes":
        return mutate_bytes(draw, blob)
    if kind == "numbers":
        spans = [m.span() for m in _NUMBER.finditer(blob)]
        for _ in range(draw(st.integers(1, 3))):
            start, end = draw(st.sampled_from(spans))
            value = draw(st.sampled_from([0, 1, -1, 2**31, 2**63, 10**30]))
            blob = blob[:start] + str(value).encode().rjust(end - start) + blob[end:]
        return blob
    if kind == "nesting":
        at = draw(st.integers(0, len(blob)))
        depth = draw(st.integers(100, 100_000))
        return blob[:at] + b"[" * depth + b"]" * draw(st.integers(0, depth)) + blob[at:]
    # Many pages: the same printed exam, long.
    return exam_pdf(draw(st.integers(20, 60)), image=False)


def _import(path: Path, out: Path, format: str | None = None) -> None:
    result = handled(lambda: import_file(path, format=format, out=out,
                                         options=ImportOptions()), [path])
    if result is None:
        return
    # A pack that was written is valid, and everything written is inside its folder.
    pack, problems = inspect_pack(out)
    assert pack is not None and not problems, problems
    root = out.resolve()
    for written in out.rglob("*"):
        assert written.resolve().is_relative_to(root), written


@profile.fuzz(ci=25, night=1000)
@given(st.data())
def test_damaged_pdfs(data: st.DataObject) -> None:
    profile.counted("pdfs")
    blob = _damage_pdf(data.draw, data.draw(st.sampled_from(PDFS)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "exam.pdf"
        path.write_bytes(blob)
        _import(path, Path(tmp) / "out", data.draw(st.sampled_from([None, "pdf"])))


def _damage_zip(draw: st.DrawFn, blob: bytes) -> bytes:
    """A package whose members (XML manifests, items, images) are damaged inside."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    names = source.namelist()
    victim = draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            data = source.read(name)
            if name == victim:
                data = (mutate_text(draw, data.decode("utf-8", "replace")).encode()
                        if draw(st.booleans()) else mutate_bytes(draw, data))
            target.writestr(name, data)
    return out.getvalue()


@profile.fuzz(ci=40, night=800)
@given(st.data())
def test_damaged_import_files(data: st.DataObject) -> None:
    profile.counted("imports")
    name = data.draw(st.sampled_from(SOURCES))
    blob = ORIGINALS[name]
    if name.endswith(".zip") and data.draw(st.booleans()):
        blob = _damage_zip(data.draw, blob)
    elif data.draw(st.booleans()):
        blob = mutate_text(data.draw, blob.decode("utf-8", "replace")).encode("utf-8")
    else:
        blob = mutate_bytes(data.draw, blob)
    given_format = data.draw(st.sampled_from([None, FORMATS[name.split("/")[0]]]))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(blob)
        _import(path, Path(tmp) / "out", given_format)


def test_choices_that_recur_on_every_page_are_not_taken_for_running_heads(
    tmp_path: Path
) -> None:
    # Running heads and footers repeat at the edges of every page; a true/false quiz
    # repeats "A. True" and "B. False" in the middle of every page too.
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    keys = []
    for page in range(3):
        pdf.add_page()
        pdf.multi_cell(0, 6, "Physics quiz - spring term", new_x="LMARGIN", new_y="NEXT")
        for n in range(1, 5):
            number = page * 4 + n
            pdf.multi_cell(0, 6, f"{number}. Statement number {number} about light is true.",
                           new_x="LMARGIN", new_y="NEXT")
            pdf.multi_cell(0, 6, "A. True", new_x="LMARGIN", new_y="NEXT")
            pdf.multi_cell(0, 6, "B. False", new_x="LMARGIN", new_y="NEXT")
            keys.append("A" if number % 2 else "B")
        pdf.multi_cell(0, 6, f"Page {page + 1}", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.multi_cell(0, 6, "Answer Key", new_x="LMARGIN", new_y="NEXT")
    for number, key in enumerate(keys, 1):
        pdf.multi_cell(0, 6, f"{number}. {key}", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "quiz.pdf"
    path.write_bytes(bytes(pdf.output()))

    result = import_file(path, out=tmp_path / "quiz")
    items = [item for _, item in result.pack.items()]
    assert [type(i) for i in items] == [MultipleChoiceItem] * 12
    assert [i.choices for i in items] == [{"A": "True", "B": "False"}] * 12  # type: ignore[union-attr]
    assert [i.answer for i in items] == keys  # type: ignore[union-attr]
    assert not any("Physics quiz" in i.stem or "Page" in i.stem for i in items)


def test_control_characters_in_imported_text_are_dropped(tmp_path: Path) -> None:
    source = tmp_path / "quiz.gift"
    source.write_text("::Q1:: What is 2\x00 + 2\x1b? {=4 ~3 ~5}\n", encoding="utf-8")
    result = import_file(source, out=tmp_path / "quiz")
    (item,) = [item for _, item in result.pack.items()]
    assert item.stem == "What is 2 + 2?"


def test_a_damaged_member_of_a_zip_package_is_an_error_naming_it(tmp_path: Path) -> None:
    blob = bytearray(ORIGINALS["qti21/tao_package_with_image.zip"])
    info = zipfile.ZipFile(io.BytesIO(bytes(blob))).infolist()[0]
    blob[info.header_offset] ^= 0xFF  # the member's local header no longer starts right
    path = tmp_path / "package.zip"
    path.write_bytes(bytes(blob))
    try:
        import_file(path, format="qti", out=tmp_path / "out")
    except ExamsimError as exc:
        assert str(exc).startswith(f"{path}: member '{info.filename}' cannot be read "
                                   "(BadZipFile: Bad magic number for file header)"), exc
    else:
        raise AssertionError("a damaged package was imported")


def test_a_pdf_whose_page_has_no_size_is_an_error(tmp_path: Path) -> None:
    blob = exam_pdf(1).replace(b"/MediaBox [0 0 595.28 841.89]", b"/MediaBox null")
    path = tmp_path / "exam.pdf"
    path.write_bytes(blob)
    try:
        import_file(path, out=tmp_path / "out")
    except ExamsimError as exc:
        assert str(exc).startswith(f"{path}: not a readable PDF (ValueError: "), exc
    else:
        raise AssertionError("a PDF without a page size was imported")
