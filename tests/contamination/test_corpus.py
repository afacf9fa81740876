"""Corpus formats and the errors a user can cause with them."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from examsim.contamination import ScanOptions, scan_exam
from examsim.contamination.corpus import CorpusOptions
from examsim.errors import ContaminationError

PASSAGE = ("The river rises in the hills, runs east past the mill, and meets the sea at the "
           "port town. In which direction does the river run past the mill? North South "
           "East West")


def contaminated(pack: Path, corpus: list[Path], **corpus_options: str) -> list[str]:
    options = ScanOptions(corpus=CorpusOptions(**corpus_options))  # type: ignore[arg-type]
    return sorted(scan_exam(pack, corpus, options).contaminated())


def jsonl(records: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def test_every_format_is_read(tmp_path: Path, mini_pack: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    import zstandard

    records = [{"content": "filler"}, {"content": PASSAGE}]
    cases = {
        "a.txt.gz": gzip.compress(PASSAGE.encode()),
        "b.jsonl.zst": zstandard.ZstdCompressor().compress(jsonl(records)),
        "c.jsonl.gz": gzip.compress(jsonl(records)),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        field = "content" if "jsonl" in name else "text"
        assert contaminated(mini_pack, [path], text_field=field) == ["mc-2"], name
    table = pa.table({"body": ["a", None, PASSAGE], "doc": ["x", "y", "z"]})
    pq.write_table(table, tmp_path / "d.parquet")
    result = scan_exam(mini_pack, [tmp_path / "d.parquet"], ScanOptions(
        corpus=CorpusOptions(text_field="body", id_field="doc")))
    verdict = next(v for v in result.items if v.item == "mc-2")
    assert verdict.contaminated and verdict.matches[0].document == "z"
    assert result.documents == 2  # the null row holds no document


def test_folder_is_searched_recursively_and_other_files_skipped(
    tmp_path: Path, mini_pack: Path
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text(PASSAGE)
    (tmp_path / "notes.md").write_text("ignored")
    result = scan_exam(mini_pack, [tmp_path, tmp_path / "sub" / "x.txt"])
    assert [c.path for c in result.corpus] == [str(tmp_path / "sub" / "x.txt")]  # read once
    assert result.contaminated() == {"mc-2"}


def error(pack: Path, corpus: list[Path], **corpus_options: str) -> str:
    with pytest.raises(ContaminationError) as info:
        contaminated(pack, corpus, **corpus_options)
    return str(info.value)


def test_missing_and_unsupported_corpus(tmp_path: Path, mini_pack: Path) -> None:
    assert error(mini_pack, [tmp_path / "nope.txt"]) == (
        f"{tmp_path / 'nope.txt'}: no such file or folder. Fix: check the --corpus path.")
    (tmp_path / "x.csv").write_text("a,b")
    assert "not a corpus file examsim can read. Fix: use .txt, .jsonl" in error(
        mini_pack, [tmp_path / "x.csv"])
    assert "the folder holds no corpus files" in error(mini_pack, [tmp_path])


def test_empty_corpus(tmp_path: Path, mini_pack: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    assert error(mini_pack, [tmp_path / "empty.txt"]).startswith("The corpus is empty")
    (tmp_path / "blank.jsonl").write_text('{"text": "  ... "}\n')
    message = error(mini_pack, [tmp_path / "blank.jsonl"])
    assert message.startswith("The corpus holds no text to compare (1 file(s), 1 document(s))")


def test_wrong_jsonl_field_and_parquet_column(tmp_path: Path, mini_pack: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "a.jsonl").write_bytes(jsonl([{"content": "x", "id": 1}]))
    assert error(mini_pack, [tmp_path / "a.jsonl"]) == (
        f"{tmp_path / 'a.jsonl'}:1: no field 'text' (fields: content, id). "
        "Fix: name the text field with --text-field.")
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "b.parquet")
    assert error(mini_pack, [tmp_path / "b.parquet"]) == (
        f"{tmp_path / 'b.parquet'}: no column 'text' (columns: body). "
        "Fix: name the column with --text-field.")
    assert "no column 'doc'" in error(mini_pack, [tmp_path / "b.parquet"], text_field="body",
                                      id_field="doc")


def test_damaged_files(tmp_path: Path, mini_pack: Path) -> None:
    (tmp_path / "bad.jsonl").write_text('{"text": "a"}\n{"text": \n{"text": "b"}\n')
    assert error(mini_pack, [tmp_path / "bad.jsonl"]).startswith(
        f"{tmp_path / 'bad.jsonl'}:2: not valid JSON")
    (tmp_path / "bad.txt.gz").write_bytes(gzip.compress(PASSAGE.encode() * 50)[:60])
    assert error(mini_pack, [tmp_path / "bad.txt.gz"]).startswith(
        f"{tmp_path / 'bad.txt.gz'}: cannot be read (EOFError")
    (tmp_path / "bad.parquet").write_text("not parquet")
    assert "not a readable parquet file" in error(mini_pack, [tmp_path / "bad.parquet"])


def test_last_jsonl_line_cut_short_is_ignored(tmp_path: Path, mini_pack: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(jsonl([{"text": PASSAGE}]) + b'{"text": "cut sh')
    assert contaminated(mini_pack, [path]) == ["mc-2"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path, mini_pack: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(PASSAGE)
    path.chmod(0)
    assert "cannot be read (permission denied)" in error(mini_pack, [path])


def test_failed_scan_leaves_no_verdict_file(tmp_path: Path, mini_pack: Path) -> None:
    (tmp_path / "a.txt").write_text(PASSAGE)
    (tmp_path / "b.jsonl").write_text('{"body": "x"}\n')
    out = tmp_path / "out" / "verdicts.json"
    with pytest.raises(ContaminationError):
        scan_exam(mini_pack, [tmp_path], out=out)
    assert not out.exists()
    # An earlier complete file is kept as it was, and no temporary file is left behind.
    scan_exam(mini_pack, [tmp_path / "a.txt"], out=out)
    before = out.read_bytes()
    with pytest.raises(ContaminationError):
        scan_exam(mini_pack, [tmp_path], out=out)
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["verdicts.json"]
