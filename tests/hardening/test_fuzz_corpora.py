"""Damaged corpora (.txt, .jsonl, gzip and zstd, parquet): a scan gives verdicts, or an
error that names the file (and the line of a .jsonl); a cut-short compressed file is
never read as a shorter text."""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from examsim.contamination.itemtext import exam_texts
from examsim.contamination.scan import scan_exam
from examsim.contamination.scanners import ScanOptions
from examsim.errors import ContaminationError
from examsim.packs import load_pack
from tests.conftest import DATA
from tests.hardening import profile
from tests.hardening.mutations import VALUES, mutate_bytes, mutate_text
from tests.hardening.outcomes import handled

PACK = load_pack(DATA / "packs" / "mini")
# Text that holds one item (mc-2, its passage included) verbatim, so that scans find it.
LEAK = "Seen online: " + next(t.text for t in exam_texts(PACK, True) if t.item == "mc-2")
DOCUMENTS = [LEAK, "Nothing to see here.", "Explain why the sky looks blue on a clear day.",
             "ünïcödé text, 中文, and emoji 🙂 " * 3]


def _jsonl_lines(draw: st.DrawFn) -> list[str]:
    records: list[Any] = [{"text": text, "id": f"doc-{n}"} for n, text in enumerate(DOCUMENTS)]
    lines: list[str | None] = [None] * len(records)
    for _ in range(draw(st.integers(0, 3))):
        index = draw(st.integers(0, len(records) - 1))
        action = draw(st.sampled_from(("value", "field", "record", "deep", "long")))
        if action == "value":
            records[index] = {"text": draw(VALUES)}
        elif action == "field":
            records[index] = {"id": "no text"}
        elif action == "record":
            records[index] = draw(VALUES)
        elif action == "deep":
            lines[index] = "[" * draw(st.integers(500, 200_000))
        else:
            records[index] = {"text": LEAK * draw(st.integers(1_000, 20_000))}
    ascii_only = draw(st.booleans())
    return [line if line is not None else json.dumps(record, ensure_ascii=ascii_only)
            for line, record in zip(lines, records, strict=True)]


def _corpus(draw: st.DrawFn, folder: Path) -> Path:
    kind = draw(st.sampled_from(("txt", "jsonl", "jsonl", "parquet")))
    if kind == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        column = draw(st.sampled_from(("strings", "numbers", "mixed")))
        texts: list[Any] = list(DOCUMENTS)
        if column == "numbers":
            texts = [draw(st.integers(-2**62, 2**62)) for _ in DOCUMENTS]
        elif column == "mixed":
            texts = [*DOCUMENTS[:2], None]
        buffer = io.BytesIO()
        pq.write_table(pa.table({"text": texts}), buffer)
        blob = buffer.getvalue()
        if draw(st.booleans()):
            blob = mutate_bytes(draw, blob)
        path = folder / "corpus.parquet"
        path.write_bytes(blob)
        return path
    if kind == "txt":
        text = "\n\n".join(DOCUMENTS)
        raw = mutate_text(draw, text).encode("utf-8") if draw(st.booleans()) else text.encode()
    else:
        raw = ("\n".join(_jsonl_lines(draw)) + draw(st.sampled_from(["\n", ""]))).encode()
    if draw(st.booleans()):
        raw = mutate_bytes(draw, raw)
    compression = draw(st.sampled_from(("", ".gz", ".zst")))
    if compression == ".gz":
        raw = gzip.compress(raw)
    elif compression == ".zst":
        raw = zstandard.ZstdCompressor().compress(raw)
    if compression and draw(st.booleans()):
        raw = mutate_bytes(draw, raw)
    path = folder / f"corpus.{kind}{compression}"
    path.write_bytes(raw)
    return path


@profile.fuzz(ci=40, night=1000)
@given(st.data())
def test_damaged_corpora(data: st.DataObject) -> None:
    profile.counted("corpora")
    method = data.draw(st.sampled_from(("substring", "ngram", "fuzzy")))
    with tempfile.TemporaryDirectory() as tmp:
        path = _corpus(data.draw, Path(tmp))
        verdicts = handled(lambda: scan_exam(PACK, [path], ScanOptions(method=method)), [path])
        if verdicts is not None:
            assert {v.item for v in verdicts.items} == {i.id for _, i in PACK.items()}
            assert verdicts.documents >= 1


def _scan_text(path: Path) -> bool:
    """Whether the scan finds the leaked item in ``path``."""
    verdicts = scan_exam(PACK, [path], ScanOptions())
    return any(v.contaminated for v in verdicts.items if v.item == "mc-2")


def _padded_leak() -> bytes:
    # The leak sits at the end, after enough text that half the file misses it.
    return ("Unrelated text. " * 50_000 + LEAK + "\n").encode()


def test_a_cut_short_zstd_file_is_an_error_not_a_shorter_text(tmp_path: Path) -> None:
    whole = zstandard.ZstdCompressor().compress(_padded_leak())
    path = tmp_path / "corpus.txt.zst"
    path.write_bytes(whole)
    assert _scan_text(path)
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ContaminationError, match=r"corpus\.txt\.zst: cannot be read "
                       r"\(EOFError: the file ends inside a zstd frame"):
        scan_exam(PACK, [path], ScanOptions())


def test_every_frame_of_a_zstd_file_is_read(tmp_path: Path) -> None:
    # zstd allows several frames in a file (cat a.zst b.zst, pzstd); the leak is in the last.
    packer = zstandard.ZstdCompressor()
    path = tmp_path / "corpus.jsonl.zst"
    path.write_bytes(packer.compress(b'{"text": "Nothing to see here."}\n')
                     + packer.compress(json.dumps({"text": LEAK}).encode() + b"\n"))
    assert _scan_text(path)


def test_garbage_after_a_zstd_frame_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "corpus.txt.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(LEAK.encode()) + b"garbage")
    with pytest.raises(ContaminationError, match=r"corpus\.txt\.zst: cannot be read "
                       r"\(ValueError: not zstd data"):
        scan_exam(PACK, [path], ScanOptions())


def test_a_deeply_nested_jsonl_line_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"text": LEAK}) + "\n" + "[" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(ContaminationError, match=r"corpus\.jsonl:2: the JSON is nested too "
                       r"deeply to read\. Fix: repair or remove that line\."):
        scan_exam(PACK, [path], ScanOptions())


def test_a_corpus_without_text_names_its_files(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"text": "..."}\n', encoding="utf-8")
    with pytest.raises(ContaminationError) as caught:
        scan_exam(PACK, [path], ScanOptions())
    assert str(caught.value) == (
        f"The corpus holds no text to compare (1 file(s), 1 document(s)) in {path}. "
        "Fix: check --text-field and the files.")
