"""Small real documents to damage: a printed exam as PDF, written with fpdf2."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import DATA

QUESTIONS = [
    ("Which planet is the largest?", ["Mars", "Jupiter", "Venus", "Mercury"], "B"),
    ("What is 12 divided by 4?", ["2", "3", "4", "6"], "B"),
    ("Which gas do plants take in?", ["Oxygen", "Nitrogen", "Carbon dioxide", "Helium"], "C"),
    ("Which figure shows a square? See the figure.", ["The red one", "None", "Both", "All"],
     "A"),
]


def exam_pdf(pages: int = 1, image: bool = True) -> bytes:
    """A printed multiple-choice exam (numbered questions, lettered choices, a figure)
    followed by an answer key page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    number = 0
    for _ in range(pages):
        pdf.add_page()
        for stem, choices, _ in QUESTIONS:
            number += 1
            pdf.multi_cell(0, 6, f"{number}. {stem}", new_x="LMARGIN", new_y="NEXT")
            for letter, choice in zip("ABCD", choices, strict=True):
                pdf.multi_cell(0, 6, f"{letter}. {choice}", new_x="LMARGIN", new_y="NEXT")
            if image and "figure" in stem:
                pdf.image(str(DATA / "packs" / "mini" / "assets" / "square.png"), w=20)
            pdf.ln(3)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Answer Key", new_x="LMARGIN", new_y="NEXT")
    for n in range(1, number + 1):
        pdf.multi_cell(0, 6, f"{n}. {QUESTIONS[(n - 1) % len(QUESTIONS)][2]}",
                       new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
