"""The paper as PDF through fpdf2 (the ``pdf`` extra), with a Unicode font when one is
installed (DejaVu Sans, or EXAMSIM_PDF_FONT), else a core font with text folded to Latin-1."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

from examsim.errors import DependencyError
from examsim.packs.preview.paper import Paper, PaperQuestion

_FONT_PLACES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
    "C:/Windows/Fonts/DejaVuSans.ttf",
)


def _unicode_font() -> Path | None:
    chosen = os.environ.get("EXAMSIM_PDF_FONT")
    for place in ([chosen] if chosen else []) + list(_FONT_PLACES):
        if place and Path(place).is_file():
            return Path(place)
    return None


class _Writer:
    def __init__(self) -> None:
        try:
            from fpdf import FPDF
        except ImportError:
            raise DependencyError("fpdf2", "pdf", "Printing a paper as PDF") from None
        self.pdf: Any = FPDF(format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=18)
        self.pdf.set_margins(18, 18, 18)
        font = _unicode_font()
        if font is not None:
            self.pdf.add_font("Body", "", str(font))
            bold = font.with_name(font.name.replace(".ttf", "-Bold.ttf"))
            self.pdf.add_font("Body", "B", str(bold if bold.is_file() else font))
            self.family, self.unicode = "Body", True
        else:
            self.family, self.unicode = "Helvetica", False

    def text(self, value: str) -> str:
        if self.unicode:
            return value
        folded = unicodedata.normalize("NFKD", value)
        return folded.encode("latin-1", "replace").decode("latin-1")

    def para(self, value: str, size: float = 11, bold: bool = False, indent: float = 0,
             gap: float = 1.5) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.set_x(self.pdf.l_margin + indent)
        width = self.pdf.w - self.pdf.l_margin - self.pdf.r_margin - indent
        self.pdf.multi_cell(width, size * 0.5, self.text(value), new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def image(self, path: Path, alt: str) -> None:
        try:
            self.pdf.image(str(path), w=min(110, self.pdf.epw))
        except Exception:  # a format fpdf2 cannot place (e.g. SVG without support)
            self.para(f"[Image: {alt}]", size=10)
            return
        self.para(alt, size=9, gap=2)


def _question(w: _Writer, q: PaperQuestion) -> None:
    if q.passage:
        w.para(q.passage, size=10.5, indent=4, gap=3)
    plural = "s" if q.points != 1 else ""
    w.para(f"{q.number}. ({q.points:g} point{plural})", bold=True, gap=0.5)
    w.para(q.stem)
    for image in q.images:
        w.image(image.path, image.alt)
    for title, body in q.materials:
        w.para(title, bold=True, indent=4)
        w.para(body, size=10, indent=4)
    for letter, text in q.choices:
        w.para(f"{letter}. {text}", indent=6, gap=0.5)
    if q.answer_space:
        w.para(q.answer_space, size=10)
    if q.key is not None:
        w.para(f"Answer: {q.key.answer}", bold=True, indent=4, gap=0.5)
        if q.key.explanation:
            w.para(q.key.explanation, size=10, indent=4, gap=0.5)
        for line in q.key.rubric:
            w.para(line, size=9.5, indent=6, gap=0.2)
        if q.key.notes:
            w.para("Grader notes: " + q.key.notes, size=9.5, indent=4)
    w.pdf.ln(3)


def render_pdf(paper: Paper) -> bytes:
    """The paper as PDF bytes."""
    w = _Writer()
    w.pdf.set_title(w.text(paper.title))
    w.pdf.add_page()
    w.para(paper.title, size=18, bold=True)
    w.para(paper.subtitle, size=10, gap=4)
    for index, section in enumerate(paper.sections):
        if index:
            w.pdf.add_page()
        w.para(section.name, size=14, bold=True)
        w.para(" | ".join(section.conditions), size=9.5)
        w.para(section.instructions, size=10.5, gap=4)
        for q in section.questions:
            _question(w, q)
    return bytes(w.pdf.output())
