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


# --- hostile PDFs, built object by object --------------------------------------------------


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of the given object bodies (numbered from 1) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, xref)
    return bytes(out)


def zeros_deflated(mib: int) -> bytes:
    """``mib`` MiB of zero bytes in zlib format, built without holding them: after a full
    flush every MiB packs to the same bytes."""
    import struct
    import zlib

    block = bytes(1 << 20)
    packer = zlib.compressobj(9)
    head = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush()[:-4]  # the final block, without the checksum of what it saw
    checksum = 1
    for _ in range(mib):
        checksum = zlib.adler32(block, checksum)
    return head + again * (mib - 1) + end + struct.pack(">I", checksum)


def flate_stream(data: bytes, extra: bytes = b"", packed: bytes | None = None) -> bytes:
    import zlib

    packed = packed if packed is not None else zlib.compress(data, 9)
    return (b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(packed), extra)
            + packed + b"\nendstream")


def one_page(content: bytes, resources: bytes = b"<< >>", extra: tuple[bytes, ...] = ()
             ) -> bytes:
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources %s >>" % resources,
        content, *extra])


HELVETICA = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def hostile_pdfs(nightly: bool = False) -> dict[str, bytes]:
    """PDFs made to exhaust a reader: what each does is its name."""
    zeros = zeros_deflated(1024)  # a GiB of zeros packs into about a MB
    found = {
        "flate bomb (1 GiB content stream)": one_page(flate_stream(b"", packed=zeros)),
        "image bomb (32768 x 32768 pixels)": one_page(
            flate_stream(b"q 100 0 0 100 0 0 cm /Im1 Do Q"), b"<< /XObject << /Im1 5 0 R >> >>",
            (flate_stream(b"", b"/Type /XObject /Subtype /Image /Width 32768 /Height 32768 "
                          b"/ColorSpace /DeviceGray /BitsPerComponent 8", packed=zeros),)),
        "nesting 200,000 arrays deep": one_page(
            b"<< /Length 0 /Deep " + b"[" * 200_000 + b"]" * 200_000 + b" >>\nstream\n\nendstream"),
        "page tree that contains itself": raw_pdf([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]),
        "5,000 pages": raw_pdf([
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count 5000 >>" % b" ".join(
                b"%d 0 R" % (n + 3) for n in range(5000)),
            *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * 5000]),
    }
    if nightly:
        text = b"BT /F1 10 Tf 10 10 Td (1. What is it? A. x B. y) Tj ET\n" * 1_000_000
        found["a million text runs on one page"] = one_page(flate_stream(text), HELVETICA)
    return found
