"""Text lines and pictures of a PDF's pages, through pypdf.

Two-column pages are read column by column (a printed exam's reading order), using the
positions pypdf reports for each piece of text. Lines repeated on most pages (running
heads, footers) and page numbers are removed. Only images a page actually draws are
returned, and images drawn on most pages (logos, rules) are set aside as decoration.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from examsim.errors import ExamsimError
from examsim.packs.importers.sources import MAX_FILE_BYTES

MAX_PAGES = 2000
MAX_SECONDS = 120.0
"""Longest a PDF may take to read (a hostile file can be slow on every page)."""
EDGE_LINES = 2
"""Lines at the top and at the bottom of a page that may be running heads or footers."""
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|"
                          r"\d{1,4}\s*/\s*\d{1,4})$", re.I)


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    text: str


@dataclass(frozen=True)
class PageImage:
    page: int
    name: str
    suffix: str
    data: bytes
    width: int
    height: int


@dataclass
class PdfContent:
    lines: list[Line]
    images: list[PageImage]
    decorations: int = 0
    image_problem: str | None = None
    title: str | None = None
    columns: list[int] = field(default_factory=list)  # pages read as two columns


@dataclass
class _Fragment:
    x: float
    y: float
    text: str
    size: float


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def _two_columns(fragments: list[_Fragment], width: float) -> float | None:
    """The x where a second column starts, if the page is set in two columns."""
    rows: dict[int, list[_Fragment]] = {}
    for frag in fragments:
        if frag.text.strip():
            rows.setdefault(round(frag.y / 2), []).append(frag)
    if len(rows) < 6:
        return None
    starts = Counter(round(f.x) for f in fragments if f.text.strip()
                     and 0.3 * width < f.x < 0.7 * width)
    for x, _ in starts.most_common(3):
        at_x = [r for r in rows.values() if any(abs(f.x - x) <= 3 for f in r)]
        if len(at_x) < 0.25 * len(rows):
            continue
        left = [f for r in rows.values() for f in r if f.x < x - 3]
        if not left:
            continue
        margin = min(f.x for f in left)
        span = x - margin

        def end(f: _Fragment) -> float:
            return f.x + len(f.text.strip()) * f.size * 0.5  # rough glyph width

        crossing = sum(1 for f in left if end(f) > x + 0.1 * span)
        long_lines = sum(1 for f in left if end(f) - margin > 0.55 * span)
        if crossing <= 0.05 * len(left) and long_lines >= max(2, 0.15 * len(left)):
            return float(x) - 3
    return None


def _column_lines(fragments: list[_Fragment], split: float) -> list[str]:
    out: list[str] = []
    for column in ([f for f in fragments if f.x < split], [f for f in fragments if f.x >= split]):
        rows: dict[int, list[_Fragment]] = {}
        for frag in column:
            rows.setdefault(round(frag.y / 2), []).append(frag)
        for key in sorted(rows, reverse=True):
            text = ""
            for frag in sorted(rows[key], key=lambda f: f.x):
                piece = frag.text.replace("\n", " ")
                if text and not text.endswith(" ") and not piece.startswith(" "):
                    text += " "
                text += piece
            if text.strip():
                out.append(text)
    return out


_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


def _xobjects(obj: Any) -> dict[str, Any]:
    try:
        resources = obj.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if resources is not None else None
        return dict(xobjects.get_object()) if xobjects is not None else {}
    except (AttributeError, TypeError, ValueError):
        return {}


def _drawn_images(page: Any) -> list[tuple[str, Any]]:
    """(name, indirect reference) of images the page draws with ``/Name Do``, looking one
    level into form XObjects; images only listed in resources are not drawn."""
    out: list[tuple[str, Any]] = []
    try:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:  # a damaged content stream draws nothing we can trust
        return out
    xobjects = _xobjects(page)
    for raw in dict.fromkeys(_DO.findall(data)):
        name = "/" + raw.decode("latin-1")
        ref = xobjects.get(name)
        if ref is None:
            continue
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            out.append((name, ref))
        elif obj.get("/Subtype") == "/Form":
            try:
                inner = obj.get_data()
            except Exception:
                continue
            inner_x = _xobjects(obj)
            for inner_raw in dict.fromkeys(_DO.findall(inner)):
                inner_name = "/" + inner_raw.decode("latin-1")
                inner_ref = inner_x.get(inner_name)
                if inner_ref is not None and inner_ref.get_object().get("/Subtype") == "/Image":
                    out.append((f"{name}{inner_name}", inner_ref))
    return out


def _decode(page: Any, name: str, index: int, content: PdfContent) -> PageImage | None:
    try:
        image = page.images[name]
        size = image.image.size if image.image is not None else (0, 0)
        data = image.data
    except Exception as exc:  # pypdf needs Pillow for most kinds; damaged data raises
        content.image_problem = f"an image on page {index} could not be read ({exc})"
        return None
    base = image.name.rsplit("/", 1)[-1]
    stem, _, suffix = base.rpartition(".")
    return PageImage(index, stem or base, suffix or "png", data, *size)


def read_pdf(path: Path) -> PdfContent:
    """Lines of text in reading order and drawn images, page by page."""
    try:
        return _read_pdf(path)
    except ExamsimError:
        raise
    except Exception as exc:
        # pypdf has no one error type for a damaged file: ValueError, KeyError, TypeError,
        # struct and zlib errors, RecursionError on deep nesting, ... all mean the same.
        detail = " ".join(str(exc).split())[:200]
        raise ExamsimError(
            f"{path}: not a readable PDF ({type(exc).__name__}: {detail}). Fix: open it in "
            "a PDF viewer and save or print it to a new PDF, then import that."
        ) from None


def _read_pdf(path: Path) -> PdfContent:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if path.stat().st_size > MAX_FILE_BYTES:
        raise ExamsimError(f"{path}: {path.stat().st_size / 1e6:.0f} MB is more than the "
                           f"{MAX_FILE_BYTES / 1e6:.0f} MB an import accepts; split it.")
    started = time.monotonic()
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise ExamsimError(f"{path}: the PDF is encrypted. Save an unprotected copy and "
                               "import that.")
        pages = list(reader.pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise ExamsimError(f"{path}: not a readable PDF ({exc}).") from None
    if len(pages) > MAX_PAGES:
        raise ExamsimError(f"{path}: {len(pages)} pages is more than {MAX_PAGES}; split it.")
    title = None
    try:
        meta = reader.metadata
        title = (meta.title or "").strip() or None if meta else None
    except Exception:
        title = None
    content = PdfContent([], [], title=title)
    page_lines: list[list[str]] = []
    for index, page in enumerate(pages, 1):
        # pypdf bounds the work of each page; this bounds the document.
        if time.monotonic() - started > MAX_SECONDS:
            raise ExamsimError(
                f"{path}: reading stopped at page {index} of {len(pages)} after "
                f"{MAX_SECONDS:.0f} s; the PDF is too heavy to import in one piece. "
                "Fix: split it into smaller files."
            )
        fragments: list[_Fragment] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any,
                  fragments: list[_Fragment] = fragments) -> None:
            if not text:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(cm[3]) or 1.0
            fragments.append(_Fragment(x, y, text, float(size or 10) * scale))

        try:
            plain = page.extract_text(visitor_text=visit)
        except Exception as exc:  # pypdf raises many kinds on damaged pages
            raise ExamsimError(f"{path}: page {index} cannot be read ({exc}).") from None
        width = float(page.mediabox.width)
        split = _two_columns(fragments, width)
        if split is not None:
            content.columns.append(index)
            lines = _column_lines(fragments, split)
        else:
            lines = plain.splitlines()
        page_lines.append([_clean(line) for line in lines if _clean(line)])
    # Running heads and footers: the same line once at the top or bottom of most pages.
    # Choices such as "A. True" recur on every page of a quiz, but several times a page
    # and not only at its edges.
    repeated: set[str] = set()
    if len(page_lines) >= 3:
        counts = Counter(line for lines in page_lines for line in set(_edges(lines)))
        within = Counter(line for lines in page_lines for line, n in Counter(lines).items()
                         if n > 1)
        repeated = {line for line, n in counts.items()
                    if n >= 0.6 * len(page_lines) and not within[line]}
    for index, lines in enumerate(page_lines, 1):
        edge = len(lines) - EDGE_LINES
        for position, line in enumerate(lines):
            if line in repeated and (position < EDGE_LINES or position >= edge):
                continue
            if _PAGE_NUMBER.match(line):
                continue
            if line.isdigit() and position in (0, len(lines) - 1):
                continue
            content.lines.append(Line(index, line))
    _read_images(reader, pages, content)
    return content


def _edges(lines: list[str]) -> list[str]:
    """The lines where running heads and footers sit: the first and last of a page."""
    return lines[:EDGE_LINES] + lines[-EDGE_LINES:]


def _read_images(reader: Any, pages: list[Any], content: PdfContent) -> None:
    found: list[PageImage] = []
    decoded: dict[object, PageImage | None] = {}
    for index, page in enumerate(pages, 1):
        for name, ref in _drawn_images(page):
            ident = getattr(ref, "idnum", None) or id(ref)
            if ident not in decoded:
                decoded[ident] = _decode(page, name, index, content)
            image = decoded[ident]
            if image is not None:
                found.append(PageImage(index, image.name, image.suffix, image.data,
                                       image.width, image.height))
    by_digest: dict[str, set[int]] = {}
    for image in found:
        by_digest.setdefault(hashlib.sha256(image.data).hexdigest(), set()).add(image.page)
    total = len(pages)
    seen: set[str] = set()
    for image in found:
        digest = hashlib.sha256(image.data).hexdigest()
        on_pages = len(by_digest[digest])
        if (total >= 3 and on_pages >= max(3, 0.5 * total)) or max(image.width,
                                                                   image.height) < 24:
            if digest not in seen:
                content.decorations += 1
            seen.add(digest)
            continue
        if digest in seen:
            continue
        seen.add(digest)
        content.images.append(image)
