"""Reading a corpus: files or folders of .txt, .jsonl (optionally .gz or .zst) and .parquet.

Each file is one shard (one task of the Dask engine). A ``.txt`` file is one document; a
``.jsonl`` line and a ``.parquet`` row are one document each, named by their line or row
number, or by an id field when one is given. Text is read in pieces of bounded size, cut
where normalisation can restart (``normalise.safe_cut``), so memory stays bounded however
large a file or a document is.
"""

from __future__ import annotations

import io
import json
import os
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from examsim.contamination.normalise import safe_cut
from examsim.errors import ContaminationError, DependencyError

Kind = Literal["txt", "jsonl", "parquet"]
Compression = Literal["", "gz", "zst"]

KINDS: dict[str, Kind] = {".txt": "txt", ".jsonl": "jsonl", ".parquet": "parquet"}
COMPRESSIONS: dict[str, Compression] = {".gz": "gz", ".zst": "zst"}
SUPPORTED = ".txt, .jsonl (each optionally .gz or .zst) and .parquet"
PIECE_BYTES = 8 << 20


@dataclass(frozen=True)
class CorpusOptions:
    """How corpus files are read."""

    text_field: str = "text"
    """Field of a .jsonl object, or column of a .parquet file, holding the document text."""
    id_field: str | None = None
    """Field or column naming each document; default: its line (jsonl) or row (parquet)."""
    piece_bytes: int = PIECE_BYTES
    """Largest piece of text handed to normalisation at once."""


@dataclass(frozen=True)
class Shard:
    """One corpus file: the unit of work of a scan."""

    index: int
    path: str
    kind: Kind
    compression: Compression
    size: int
    """Bytes on disk."""


@dataclass(frozen=True)
class Piece:
    """A stretch of one document's text, as UTF-8."""

    document: str | None
    """``line 12`` / ``row 7`` / an id, or None for a .txt file (the file is the document)."""
    raw: bytes
    offset: int
    """Where ``raw`` starts: a byte offset in the (decompressed) .txt file, or a character
    offset in the document's text."""
    continues: bool
    """True when this piece continues the previous piece's document."""


def classify(path: Path) -> tuple[Kind, Compression] | None:
    """The kind and compression of a corpus file from its name, or None if unsupported."""
    suffixes = [s.lower() for s in path.suffixes]
    compression: Compression = ""
    if suffixes and suffixes[-1] in COMPRESSIONS:
        compression = COMPRESSIONS[suffixes.pop()]
    if not suffixes or suffixes[-1] not in KINDS:
        return None
    kind = KINDS[suffixes[-1]]
    if kind == "parquet" and compression:
        return None
    return kind, compression


def find_shards(paths: Sequence[Path]) -> list[Shard]:
    """Every corpus file under ``paths`` (folders are searched recursively, in name order)."""
    if not paths:
        raise ContaminationError("No corpus given. Fix: pass --corpus PATH (a file or folder).")
    files: list[tuple[Path, Kind, Compression]] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = []
            for candidate in sorted(path.rglob("*")):
                if candidate.is_file() and not candidate.name.startswith("."):
                    classified = classify(candidate)
                    if classified is not None:
                        found.append((candidate, *classified))
            if not found:
                raise ContaminationError(
                    f"{path}: the folder holds no corpus files. Fix: add {SUPPORTED} files "
                    "or point --corpus at another folder."
                )
            files.extend(found)
        elif path.is_file():
            classified = classify(path)
            if classified is None:
                raise ContaminationError(
                    f"{path}: not a corpus file examsim can read. Fix: use {SUPPORTED}."
                )
            files.append((path, *classified))
        else:
            raise ContaminationError(
                f"{path}: no such file or folder. Fix: check the --corpus path."
            )
    shards: list[Shard] = []
    seen: set[Path] = set()
    for path, kind, compression in files:
        if path.resolve() in seen:
            continue  # named twice (a file and its folder): read once
        seen.add(path.resolve())
        if not os.access(path, os.R_OK):
            raise ContaminationError(f"{path}: cannot be read (permission denied). "
                                     "Fix: make the file readable.")
        shards.append(Shard(len(shards), str(path), kind, compression, path.stat().st_size))
    return shards


class _ZstdFrames(io.RawIOBase):
    """The text of a .zst file, frame after frame (a file may hold several, as ``cat
    a.zst b.zst`` or pzstd make).

    A file that ends inside a frame raises EOFError, as a cut-short .gz does, instead of
    passing for a shorter text; bytes that are not zstd data raise ValueError. The file
    is fed in small steps, so one step unpacks at most about 128 MB however it was packed.
    """

    STEP = 4096

    def __init__(self, path: Path) -> None:
        import zstandard

        self._errors = zstandard.ZstdError
        self._context = zstandard.ZstdDecompressor()
        self._frame = self._context.decompressobj()
        self._in_frame = False
        self._pending = b""
        self._fh = path.open("rb")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            data = self._fh.read(self.STEP)
            if not data:
                if self._in_frame:
                    raise EOFError("the file ends inside a zstd frame (cut short?)")
                return 0
            self._pending = self._unpack(data)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _unpack(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data:
            try:
                out.append(self._frame.decompress(data))
            except self._errors as exc:
                raise ValueError(f"not zstd data ({exc})") from None
            self._in_frame = not self._frame.eof
            if self._in_frame:
                break
            data = self._frame.unused_data
            self._frame = self._context.decompressobj()
        return b"".join(out)

    def close(self) -> None:
        self._fh.close()
        super().close()


def _open(shard: Shard) -> IO[bytes]:
    path = Path(shard.path)
    try:
        if shard.compression == "gz":
            import gzip

            return gzip.GzipFile(path, "rb")  # type: ignore[return-value]
        if shard.compression == "zst":
            return io.BufferedReader(_ZstdFrames(path), buffer_size=1 << 16)
        return path.open("rb")
    except OSError as exc:
        raise ContaminationError(f"{path}: cannot be opened ({exc.strerror or exc}).") from exc


def read_pieces(shard: Shard, options: CorpusOptions) -> Iterator[Piece]:
    """The text of a shard, piece by piece. Damaged files raise ContaminationError."""
    try:
        if shard.kind == "txt":
            yield from _txt_pieces(shard, options)
        elif shard.kind == "jsonl":
            yield from _jsonl_pieces(shard, options)
        else:
            yield from _parquet_pieces(shard, options)
    except ContaminationError:
        raise
    except (OSError, EOFError, ValueError, zlib.error) as exc:
        # Truncated or corrupt compressed data, or a read error mid-file.
        raise ContaminationError(
            f"{shard.path}: cannot be read ({type(exc).__name__}: {exc}). "
            "Fix: check that the file is complete and not corrupt."
        ) from exc


def _txt_pieces(shard: Shard, options: CorpusOptions) -> Iterator[Piece]:
    with _open(shard) as fh:
        offset = 0
        pending = b""
        while True:
            block = fh.read(options.piece_bytes)
            if not block:
                if pending:
                    yield Piece(None, pending, offset, offset > 0)
                return
            data = pending + block if pending else block
            if len(data) < options.piece_bytes:
                pending = data
                continue
            # More may follow, so cut where the text can restart, never at the very end.
            cut = safe_cut(data, min(options.piece_bytes, len(data) - 1))
            yield Piece(None, data[:cut], offset, offset > 0)
            offset += cut
            pending = data[cut:]


def _split_text(text: str, document: str, piece_bytes: int) -> Iterator[Piece]:
    """One piece per document, or several for a very long one."""
    raw = text.encode("utf-8", errors="replace")
    if len(raw) <= piece_bytes:
        yield Piece(document, raw, 0, False)
        return
    start = 0
    chars = 0
    while start < len(raw):
        rest = len(raw) - start
        cut = len(raw) if rest <= piece_bytes else start + safe_cut(raw[start:], piece_bytes)
        part = raw[start:cut]
        yield Piece(document, part, chars, start > 0)
        chars += len(part.decode("utf-8", errors="replace"))
        start = cut


def _jsonl_pieces(shard: Shard, options: CorpusOptions) -> Iterator[Piece]:
    field = options.text_field
    with _open(shard) as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                if not line.endswith(b"\n") and not fh.read(1):
                    return  # a last line cut short while the file was being written
                raise ContaminationError(
                    f"{shard.path}:{number}: not valid JSON ({exc.msg}). "
                    "Fix: repair or remove that line."
                ) from exc
            except RecursionError:
                raise ContaminationError(
                    f"{shard.path}:{number}: the JSON is nested too deeply to read. "
                    "Fix: repair or remove that line."
                ) from None
            if not isinstance(record, dict):
                raise ContaminationError(
                    f"{shard.path}:{number}: a .jsonl corpus line must be a JSON object."
                )
            if field not in record:
                fields = ", ".join(sorted(record)) or "none"
                raise ContaminationError(
                    f"{shard.path}:{number}: no field '{field}' (fields: {fields}). "
                    "Fix: name the text field with --text-field."
                )
            text = record[field]
            if text is None:
                continue
            if not isinstance(text, str):
                raise ContaminationError(
                    f"{shard.path}:{number}: field '{field}' is {type(text).__name__}, "
                    "not text. Fix: name the text field with --text-field."
                )
            document = _document_name(record, options.id_field, f"line {number}", shard, number)
            yield from _split_text(text, document, options.piece_bytes)


def _document_name(
    record: dict[str, object], id_field: str | None, default: str, shard: Shard, number: int
) -> str:
    if id_field is None:
        return default
    if id_field not in record:
        raise ContaminationError(
            f"{shard.path}:{number}: no id field '{id_field}'. Fix: correct --id-field."
        )
    return str(record[id_field])


def _parquet_pieces(shard: Shard, options: CorpusOptions) -> Iterator[Piece]:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise DependencyError("pyarrow", "parquet", "Reading .parquet corpora") from exc
    try:
        parquet = pq.ParquetFile(shard.path)
    except Exception as exc:  # pyarrow raises its own error types for damaged files
        raise ContaminationError(
            f"{shard.path}: not a readable parquet file ({exc}). Fix: check the file."
        ) from exc
    names = list(parquet.schema_arrow.names)
    columns = [options.text_field]
    if options.id_field is not None:
        columns.append(options.id_field)
    for column in columns:
        if column not in names:
            flag = "--text-field" if column == options.text_field else "--id-field"
            raise ContaminationError(
                f"{shard.path}: no column '{column}' (columns: {', '.join(names)}). "
                f"Fix: name the column with {flag}."
            )
    row = 0
    for batch in parquet.iter_batches(batch_size=4096, columns=columns):
        texts = batch.column(options.text_field).to_pylist()
        ids = batch.column(options.id_field).to_pylist() if options.id_field else None
        for index, text in enumerate(texts):
            row += 1
            if text is None:
                continue
            if not isinstance(text, str):
                raise ContaminationError(
                    f"{shard.path}: column '{options.text_field}' holds "
                    f"{type(text).__name__}, not text. Fix: name the text column with "
                    "--text-field."
                )
            document = str(ids[index]) if ids is not None else f"row {row}"
            yield from _split_text(text, document, options.piece_bytes)
