"""HTML (as LMS formats store it) to the Markdown a pack holds.

Images are taken out of the text and returned with their alt text, so the importer can
extract them into ``assets/``; embedded media that a pack cannot hold (frames, audio,
video, scripts) are returned as ``dropped`` for the import report, never lost silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from examsim.packs.importers.text import latex_to_dollars, tidy

_BLOCK = {"p", "div", "section", "article", "header", "footer", "blockquote", "h1", "h2",
          "h3", "h4", "h5", "h6", "table", "ul", "ol", "figure", "figcaption", "caption"}
_SKIP = {"script", "style", "head", "title"}
_MEDIA = {"iframe", "audio", "video", "embed", "applet", "canvas"}
_QUOTE_OPEN, _QUOTE_CLOSE = "\x01", "\x02"
# Inline markup: the same Markdown mark opens and closes the span.
_INLINE_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*",
                 "s": "~~", "strike": "~~", "del": "~~", "code": "`"}


@dataclass(frozen=True)
class ImageRef:
    """An image the text showed: where it pointed and what it said about itself."""

    src: str
    alt: str


@dataclass
class Converted:
    """Markdown text plus what was taken out of it."""

    text: str
    images: list[ImageRef] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


class _ToMarkdown(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.images: list[ImageRef] = []
        self.dropped: list[str] = []
        self.skip_depth = 0
        self.math_depth = 0
        self.math_text: list[str] = []
        self.math_tex: list[str] = []
        self.in_annotation = False
        self.pre_depth = 0
        self.lists: list[list[int]] = []  # counter per open list; [-1] for bullets
        self.link: list[str | None] = []
        self.in_cell = False
        self.header_row_done = False
        self.row_cells = 0
        self.object_stack: list[tuple[str, int]] = []  # (data, output length at start)

    # --- helpers ---------------------------------------------------------------------
    def emit(self, text: str) -> None:
        if self.math_depth:
            (self.math_tex if self.in_annotation else self.math_text).append(text)
        elif not self.skip_depth:
            self.out.append(text)

    def newline(self, count: int = 1) -> None:
        if not self.skip_depth and not self.math_depth:
            self.out.append("\n" * count)

    def mark(self, tag: str) -> None:
        if tag != "code" or not self.pre_depth:  # code inside a code block is plain
            self.emit(_INLINE_MARKS[tag])

    # --- parser callbacks ------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if tag in _MEDIA:
            src = a.get("src") or a.get("data") or ""
            self.dropped.append(f"embedded {tag}" + (f" ({src})" if src else ""))
            self.emit(f"[embedded {tag} not imported" + (f": {src}" if src else "") + "]")
            return
        if tag == "math":
            self.math_depth += 1
            return
        if tag == "annotation" and self.math_depth:
            enc = a.get("encoding", "").lower()
            self.in_annotation = "tex" in enc
            return
        if tag == "img":
            self.images.append(ImageRef(a.get("src", ""), a.get("alt", "").strip()))
            return
        if tag == "object":
            data = a.get("data", "")
            if a.get("type", "").startswith("image/") or data.lower().endswith(
                (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
            ):
                self.object_stack.append((data, len(self.out)))
            else:
                self.dropped.append(f"embedded object ({data or a.get('type', 'unknown')})")
            return
        if self.in_cell and (tag == "br" or tag in _BLOCK):
            self.emit(" ")  # a Markdown table cell is one line
        elif tag == "br":
            self.newline()
        elif tag == "hr":
            self.newline(2)
        elif tag in _BLOCK:
            self.newline(2)
            if tag.startswith("h") and len(tag) == 2:
                self.emit("#" * int(tag[1]) + " ")
            elif tag == "blockquote":
                self.emit(_QUOTE_OPEN)
            elif tag in ("ul", "ol"):
                self.lists.append([0 if tag == "ol" else -1])
            elif tag == "table":
                self.header_row_done = False
        elif tag == "li":
            self.newline()
            kind = self.lists[-1] if self.lists else [-1]
            if kind[0] >= 0:
                kind[0] += 1
                self.emit(f"{kind[0]}. ")
            else:
                self.emit("- ")
        elif tag == "tr":
            self.newline()
            self.row_cells = 0
            self.emit("|")
        elif tag in ("td", "th"):
            self.row_cells += 1
            self.in_cell = True
            self.emit(" ")
        elif tag in _INLINE_MARKS:
            self.mark(tag)
        elif tag == "pre":
            self.pre_depth += 1
            self.emit("```")
        elif tag == "sup":
            self.emit("^")
        elif tag == "a":
            self.link.append(a.get("href"))
            self.emit("[")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "math":
            self.math_depth = max(0, self.math_depth - 1)
            if not self.math_depth:
                tex = "".join(self.math_tex).strip()
                text = tex if tex else " ".join("".join(self.math_text).split())
                self.math_tex, self.math_text = [], []
                if tex and not tex.startswith(("\\[", "\\(", "$")):
                    text = f"\\({tex}\\)"
                self.emit(text)
            return
        if tag == "annotation":
            self.in_annotation = False
            return
        if tag == "object" and self.object_stack:
            data, start = self.object_stack.pop()
            fallback = " ".join("".join(self.out[start:]).split())
            self.images.append(ImageRef(data, fallback))
            return
        if self.in_cell and tag in _BLOCK:
            return
        if tag in _BLOCK:
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            if tag == "blockquote":
                self.emit(_QUOTE_CLOSE)
            self.newline(2)
        elif tag == "tr":
            if not self.header_row_done and self.row_cells:
                self.newline()
                self.emit("|" + " --- |" * self.row_cells)
                self.header_row_done = True
        elif tag in ("td", "th"):
            self.in_cell = False
            self.emit(" |")
        elif tag in _INLINE_MARKS:
            self.mark(tag)
        elif tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
            self.emit("```")
        elif tag == "a":
            href = self.link.pop() if self.link else None
            self.emit(f"]({href})" if href else "]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("img", "br", "hr") and tag not in _MEDIA:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.pre_depth:
            self.emit(data)
        else:
            self.emit(" ".join(data.split("\n")) if "\n" in data else data)


def html_to_markdown(html: str) -> Converted:
    """Convert an HTML fragment; tolerant of unclosed tags (``<br>``, ``<img>``)."""
    parser = _ToMarkdown()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.out)
    if "```" in raw:
        import textwrap

        # Code blocks keep their lines (minus the source's indentation); prose is tidied.
        pieces = raw.split("```")
        parts = [
            "```\n" + textwrap.dedent(p.strip("\n")).strip("\n") + "\n```" if i % 2 else tidy(p)
            for i, p in enumerate(pieces)
        ]
        text = "\n\n".join(p for p in parts if p)
    else:
        text = tidy(raw)
    text = _quote_blocks(text.replace("|\n\n|", "|\n|"))
    images = [ImageRef(i.src, _quote_blocks(i.alt).replace("> ", "").strip())
              for i in parser.images]
    return Converted(latex_to_dollars(text), images, parser.dropped)


def _quote_blocks(text: str) -> str:
    """Blockquote markers to ``> `` on every line, innermost quotes first."""
    import re

    pattern = re.compile(f"{_QUOTE_OPEN}([^{_QUOTE_OPEN}{_QUOTE_CLOSE}]*){_QUOTE_CLOSE}")
    while True:
        new = pattern.sub(
            lambda m: "\n".join(f"> {line}".rstrip() for line in m.group(1).strip().split("\n")),
            text,
        )
        if new == text:
            return new.replace(_QUOTE_OPEN, "").replace(_QUOTE_CLOSE, "")
        text = new


def plain_to_markdown(text: str) -> Converted:
    """Plain text or Markdown: trailing spaces and surplus blank lines go, indentation
    (nested lists, code) stays; LaTeX delimiters become dollars."""
    import re

    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return Converted(latex_to_dollars(body.strip()))
