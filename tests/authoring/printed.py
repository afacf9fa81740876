"""Printed exam PDFs made for the tests with fpdf2: one column, two columns, key pages."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF


def one_column(path: Path, lines: list[str], key_page: list[str] | None = None,
               image: tuple[Path, int] | None = None) -> Path:
    """Lines top to bottom; ``image`` = (file, index of the line it follows)."""
    pdf = FPDF(format="letter")
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for index, line in enumerate(lines):
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        if image is not None and image[1] == index:
            pdf.image(str(image[0]), w=30, h=30)
    if key_page:
        pdf.add_page()
        for line in key_page:
            pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def two_columns(path: Path, left: list[str], right: list[str]) -> Path:
    """Two columns written row by row (left, right, next row), as typeset pages often
    are, so reading the page in drawing order would interleave the columns."""
    pdf = FPDF(format="letter")
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    y = 20.0
    for i in range(max(len(left), len(right))):
        if i < len(left):
            pdf.text(15, y, left[i])
        if i < len(right):
            pdf.text(110, y, right[i])
        y += 6
    pdf.output(str(path))
    return path
