"""Reading untrusted input safely: bounded sizes, XML without entity expansion, and zip
packages whose member names can never point outside the package."""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from examsim.errors import ExamsimError

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_PACKAGE_BYTES = 500 * 1024 * 1024
MAX_MEMBERS = 20_000
MAX_RATIO = 200  # uncompressed / compressed; beyond this a member is a zip bomb
MAX_XML_DEPTH = 256  # the importers walk the tree recursively
# What zipfile raises on a damaged package: bad headers, offsets past the end, a cut-short
# or corrupt deflate stream, an unknown compression method, an encrypted member.
_DAMAGED = (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error,
            NotImplementedError, RuntimeError)


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; a missing, unreadable or oversized file is an ExamsimError."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ExamsimError(f"{path}: file not found. Check the path.") from None
    except OSError as exc:
        raise ExamsimError(f"{path}: cannot read ({exc.strerror}).") from None
    if path.is_dir():
        raise ExamsimError(f"{path} is a folder; give the file to import.")
    if size > limit:
        raise ExamsimError(
            f"{path}: {size / 1e6:.0f} MB is more than the {limit / 1e6:.0f} MB an import "
            "accepts. Split the file into smaller exports."
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ExamsimError(f"{path}: cannot read ({exc.strerror}).") from None


def decode_text(data: bytes, where: str) -> str:
    """UTF-8 text (a byte-order mark is allowed); anything else is an error with the fix."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExamsimError(
            f"{where}:{line}: not UTF-8 text (byte {exc.start}). Save the file as UTF-8 "
            "and import it again."
        ) from None


def read_text(path: Path) -> str:
    return decode_text(read_bytes(path), str(path))


def parse_xml(data: bytes, where: str) -> Element:
    """Parse XML with entity expansion and external references forbidden; namespaces are
    stripped from tag and attribute names so QTI 2.1 and 3.0 read alike."""
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree as SafeET

    try:
        root: Element = SafeET.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DefusedXmlException as exc:
        raise ExamsimError(
            f"{where}: the XML declares entities or external references ({type(exc).__name__}),"
            " which examsim refuses to expand. Export the file again without a DTD."
        ) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        detail = str(exc).split(":")[0]
        raise ExamsimError(
            f"{where}:{line}: malformed XML at column {column} ({detail}). Fix the XML or "
            "export the file again."
        ) from None
    if _deeper_than(root, MAX_XML_DEPTH):
        raise ExamsimError(
            f"{where}: the XML is nested more than {MAX_XML_DEPTH} elements deep, which no "
            "exam export needs (a damaged or malicious file?). Export the file again."
        )
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]
        for key in [k for k in element.attrib if "}" in k]:
            element.attrib[key.split("}", 1)[1]] = element.attrib.pop(key)
    return root


def _deeper_than(root: Element, limit: int) -> bool:
    """Whether elements nest more than ``limit`` deep (walked without recursion)."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in node)
    return False


class Package:
    """A zip package read in memory; member names are checked, sizes bounded."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except _DAMAGED as exc:
            raise ExamsimError(f"{path}: not a readable zip package ({exc}).") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ExamsimError(f"{path}: {len(infos)} members is more than {MAX_MEMBERS}.")
        total = 0
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/") or (
                len(name) > 1 and name[1] == ":"
            ):
                raise ExamsimError(
                    f"{path}: member '{name}' points outside the package; examsim refuses "
                    "packages whose files could be written elsewhere."
                )
            total += info.file_size
            if info.file_size > MAX_MEMBER_BYTES or (
                info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                and info.file_size > 1024 * 1024
            ):
                raise ExamsimError(
                    f"{path}: member '{name}' unpacks to {info.file_size} bytes, beyond what "
                    "an import accepts (a damaged or malicious package?)."
                )
            if not info.is_dir():
                self.members[name] = info
        if total > MAX_PACKAGE_BYTES:
            raise ExamsimError(f"{path}: the package unpacks to more than 500 MB.")

    def names(self) -> list[str]:
        return list(self.members)

    def has(self, name: str) -> bool:
        return self.resolve(name) is not None

    def resolve(self, name: str, base: str = "") -> str | None:
        """The member ``name`` refers to, relative to member ``base``'s folder, if present."""
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), name))
        if joined.startswith(".."):
            return None
        if joined in self.members:
            return joined
        lowered = {m.lower(): m for m in self.members}
        return lowered.get(joined.lower())

    def read(self, name: str) -> bytes:
        info = self.members[name]
        try:
            with self.zip.open(info) as fh:
                data = fh.read(MAX_MEMBER_BYTES + 1)
        except _DAMAGED as exc:
            raise ExamsimError(
                f"{self.path}: member '{name}' cannot be read ({type(exc).__name__}: {exc}). "
                "The package is damaged; export it again."
            ) from None
        if len(data) > MAX_MEMBER_BYTES:
            raise ExamsimError(f"{self.path}: member '{name}' is larger than it claims.")
        return data

    def close(self) -> None:
        self.zip.close()
