"""Hostile files to import (PDF bombs, deep nesting, page-tree loops, zip bombs, lying zip
headers, XML entity bombs and external entities) end in an error, quickly and within a
bounded amount of memory. Each import runs in a child process that measures itself."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from examsim.packs.importers import sources
from tests.conftest import FIXTURES
from tests.hardening import profile
from tests.hardening.crash import child_env
from tests.hardening.documents import exam_pdf, hostile_pdfs

SECONDS = 30.0  # generous for a loaded CI machine; each takes about a second here
MEGABYTES = 700  # peak resident memory of the whole child, Python and imports included
# The child caps its address space, so an unbounded reader fails instead of the machine.
CHILD = """
import atexit, json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
started = time.monotonic()
report, *args = sys.argv[1:]
def measured():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    with open(report, "w") as fh:
        json.dump({"seconds": time.monotonic() - started, "megabytes": peak}, fh)
atexit.register(measured)
sys.argv = ["examsim", *args]
from examsim.cli import main
main()
"""


def _import(source: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], dict]:
    report = tmp_path / "report.json"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(report), "pack", "import", str(source),
         "--out", str(tmp_path / "out")],
        env=child_env(), capture_output=True, text=True, timeout=120, check=False)
    measured = json.loads(report.read_text())
    assert time.monotonic() - started < SECONDS + 10
    return done, measured


def _refused(source: Path, tmp_path: Path, expected: str) -> dict:
    done, measured = _import(source, tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.startswith("Error: ") and source.name in done.stderr, done.stderr
    assert expected in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert measured["seconds"] < SECONDS, measured
    assert measured["megabytes"] < MEGABYTES, measured
    assert not (tmp_path / "out").exists()
    return measured


HOSTILE_PDFS = hostile_pdfs(nightly=profile.nightly())
PDF_ERRORS = {
    "flate bomb (1 GiB content stream)": "no question could be imported",
    "image bomb (32768 x 32768 pixels)": "no question could be imported",
    "nesting 200,000 arrays deep": "no question could be imported",
    "page tree that contains itself": "not a readable PDF",
    "5,000 pages": "5000 pages is more than 2000; split it.",
    "a million text runs on one page": "page 1 cannot be read",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PDFS))
def test_hostile_pdfs_are_refused_within_bounds(name: str, tmp_path: Path) -> None:
    source = tmp_path / "hostile.pdf"
    source.write_bytes(HOSTILE_PDFS[name])
    _refused(source, tmp_path, PDF_ERRORS[name])


def test_a_pdf_too_slow_to_read_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    from examsim.errors import ExamsimError
    from examsim.packs.importers import import_file, pdf_pages

    monkeypatch.setattr(pdf_pages, "MAX_SECONDS", 0.0)
    source = tmp_path / "exam.pdf"
    source.write_bytes(exam_pdf(3))
    with pytest.raises(ExamsimError, match=r"exam\.pdf: reading stopped at page 1 of 4 after "
                       r"0 s; the PDF is too heavy to import in one piece\."):
        import_file(source, out=tmp_path / "out")


def _zip(members: dict[str, bytes | int], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip; an int member is that many MiB of zeros, streamed in."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as package:
        for name, data in members.items():
            if isinstance(data, int):
                info = zipfile.ZipInfo(name)
                info.compress_type = method
                with package.open(info, "w") as fh:
                    block = bytes(1 << 20)
                    for _ in range(data):
                        fh.write(block)
            else:
                package.writestr(name, data)
    return buffer.getvalue()


ITEM = (FIXTURES / "qti21" / "qtisdk_choice.xml").read_bytes()
MANIFEST = (b'<?xml version="1.0"?><manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1">'
            b'<resources><resource identifier="r1" type="imsqti_item_xmlv2p1" '
            b'href="choice.xml"><file href="choice.xml"/></resource></resources></manifest>')
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaaaaaaaa">'
          + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + n]), b"&%s;" % bytes([97 + n]) * 10)
                     for n in range(8))
          + b"]><quiz><question type=\"essay\"><name><text>&i;</text></name></question></quiz>")
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<quiz><question type="essay"><name><text>&x;</text></name>'
            b'<questiontext><text>&x;</text></questiontext></question></quiz>')
DEEP = ITEM.replace(b"<p>Look at the text in the picture.</p>",
                    b"<div>" * 100_000 + b"x" + b"</div>" * 100_000)
# Packs too well to pass the ratio check at 100,000 levels; 2,000 pass it.
DEEP_IN_ZIP = ITEM.replace(b"<p>Look at the text in the picture.</p>",
                           b"<div>" * 2_000 + b"x" + b"</div>" * 2_000)


def _lying_sizes() -> bytes:
    """A package whose member claims 100 bytes and holds 16 MiB (deflated)."""
    data = bytearray(_zip({"imsmanifest.xml": MANIFEST, "choice.xml": 16}))
    # The central directory entry of choice.xml: its uncompressed size is at byte 24.
    at = data.find(b"PK\x01\x02")
    while data[at + 46: at + 46 + len(b"choice.xml")] != b"choice.xml":
        at = data.find(b"PK\x01\x02", at + 4)
    assert int.from_bytes(data[at + 24: at + 28], "little") == 16 << 20
    data[at + 24: at + 28] = (100).to_bytes(4, "little")
    return bytes(data)


ZIPS = {
    "zip bomb (64 MiB member)": (lambda: _zip({"imsmanifest.xml": MANIFEST, "choice.xml": 64}),
                                 "member 'choice.xml' unpacks to 67108864 bytes"),
    "zip bomb (ratio over 200)": (lambda: _zip({"imsmanifest.xml": MANIFEST, "choice.xml": 8}),
                                  "member 'choice.xml' unpacks to 8388608 bytes"),
    "member that lies about its size": (_lying_sizes, "member 'choice.xml' cannot be read"),
    "20,001 members": (lambda: _zip({**{f"m/{n}.txt": b"" for n in range(20_001)}},
                                    zipfile.ZIP_STORED), "20001 members is more than 20000"),
    "entity bomb inside": (lambda: _zip({"imsmanifest.xml": MANIFEST, "choice.xml": LAUGHS}),
                           "declares entities or external references"),
    "external entity inside": (lambda: _zip({"imsmanifest.xml": MANIFEST,
                                             "choice.xml": EXTERNAL}),
                               "declares entities or external references"),
    "XML nested 2,000 deep": (lambda: _zip({"imsmanifest.xml": MANIFEST,
                                            "choice.xml": DEEP_IN_ZIP}),
                              "nested more than 256 elements deep"),
}


@pytest.mark.parametrize("name", sorted(ZIPS))
def test_hostile_zip_packages_are_refused_within_bounds(name: str, tmp_path: Path) -> None:
    build, expected = ZIPS[name]
    source = tmp_path / "package.zip"
    source.write_bytes(build())
    _refused(source, tmp_path, expected)


XML_FILES = {
    "laughs.xml": (LAUGHS, "declares entities or external references"),
    "external.xml": (EXTERNAL, "declares entities or external references"),
    "deep.xml": (DEEP, "nested more than 256 elements deep"),
}


@pytest.mark.parametrize("name", sorted(XML_FILES))
def test_hostile_xml_files_are_refused_within_bounds(name: str, tmp_path: Path) -> None:
    data, expected = XML_FILES[name]
    source = tmp_path / name
    source.write_bytes(data)
    measured = _refused(source, tmp_path, expected)
    assert measured["seconds"] < 10


def test_the_limits_are_the_documented_ones() -> None:
    assert (sources.MAX_MEMBER_BYTES, sources.MAX_RATIO, sources.MAX_MEMBERS,
            sources.MAX_XML_DEPTH) == (50 * 1024 * 1024, 200, 20_000, 256)
