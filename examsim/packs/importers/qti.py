"""IMS QTI 2.1 and 3.0: a content package (zip with ``imsmanifest.xml``), an assessment
test, or a single item file.

A test's sections become pack sections (with their time limits); without a test, the
manifest's items form one section. Images are read from the package, never extracted
wholesale, so a member name can never write outside the pack.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

from examsim.errors import ExamsimError
from examsim.packs.importers import ImportOptions
from examsim.packs.importers.build import Unmappable
from examsim.packs.importers.draft import Draft, DraftSection
from examsim.packs.importers.qti_item import ItemReader, normalise
from examsim.packs.importers.sources import MAX_MEMBER_BYTES, Package, parse_xml, read_bytes
from examsim.packs.importers.text import IdMaker

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element


class _Files:
    """Files of a package or of the folder beside a loose XML file, by relative path."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.package: Package | None = None
        self.folder = source.parent
        with source.open("rb") as fh:
            magic = fh.read(4)
        if source.suffix.lower() == ".zip" or magic == b"PK\x03\x04":
            self.package = Package(source)

    def resolve(self, name: str, base: str = "") -> str | None:
        if "://" in name or name.startswith("data:"):
            return None
        if self.package is not None:
            return self.package.resolve(name, base)
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), name))
        target = (self.folder / joined).resolve()
        try:
            target.relative_to(self.folder.resolve())
        except ValueError:
            return None  # a reference outside the file's folder is never followed
        return joined if target.is_file() else None

    def read(self, name: str) -> bytes:
        if self.package is not None:
            return self.package.read(name)
        return read_bytes(self.folder / name, MAX_MEMBER_BYTES)

    def where(self, name: str) -> str:
        return f"{self.source.name}!{name}" if self.package else name


def _seconds_to_minutes(element: Element | None) -> float | None:
    if element is None:
        return None
    limits = element.find("timelimits")
    if limits is None or not limits.get("maxtime"):
        return None
    try:
        seconds = float(limits.get("maxtime", ""))
    except ValueError:
        return None
    return round(seconds / 60, 2) if seconds > 0 else None


class QtiImporter:
    name = "qti"
    description = "IMS QTI 2.1 / 3.0 package (zip) or item/test XML"
    extensions = (".zip", ".xml", ".qti")

    def read(self, source: Path, options: ImportOptions) -> Draft:
        files = _Files(source)
        draft = Draft(name=source.stem, source=source, format=self.name)
        ids = IdMaker()
        try:
            if files.package is not None:
                self._package(files, draft, ids)
            else:
                self._document(files, source.name, draft, ids)
        finally:
            if files.package is not None:
                files.package.close()
        return draft

    def _xml(self, files: _Files, name: str) -> Element:
        root = parse_xml(files.read(name), files.where(name))
        normalise(root)
        if root.tag == "questestinterop":
            raise ExamsimError(f"{files.where(name)}: this is QTI 1.2, which examsim does not "
                               "read. Export the quiz as QTI 2.1 or 3.0 (or Moodle XML).")
        return root

    def _package(self, files: _Files, draft: Draft, ids: IdMaker) -> None:
        package = files.package
        assert package is not None
        manifest = package.resolve("imsmanifest.xml")
        if manifest is None:
            raise ExamsimError(f"{files.source}: the zip has no imsmanifest.xml, so it is not a "
                               "QTI content package. Export the quiz as a QTI package.")
        root = self._xml(files, manifest)
        title = root.find(".//metadata//lom//general/title/string")
        if title is not None and (title.text or "").strip():
            draft.name = (title.text or "").strip()
        resources = root.findall(".//resources/resource")
        tests = [r for r in resources if "test" in r.get("type", "")]
        items = [r for r in resources if "item" in r.get("type", "")]
        if tests:
            for test in tests:
                self._document(files, test.get("href", ""), draft, ids)
            return
        section = DraftSection(name="Questions")
        draft.sections.append(section)
        for resource in items:
            href = resource.get("href", "")
            self._item(files, href, section, draft, ids)
        if not items:
            raise ExamsimError(f"{files.where(manifest)}: the manifest lists no QTI items or "
                               "tests. Export the quiz again.")

    def _document(self, files: _Files, name: str, draft: Draft, ids: IdMaker) -> None:
        resolved = files.resolve(name) if files.package is not None else name
        if resolved is None:
            draft.report.skip(files.where(name), "test", "the file is not in the package")
            return
        root = self._xml(files, resolved)
        if root.tag == "assessmentitem":
            section = DraftSection(name="Questions")
            draft.sections.append(section)
            self._item(files, resolved, section, draft, ids, root)
            return
        if root.tag != "assessmenttest":
            raise ExamsimError(f"{files.where(resolved)}: the root element <{root.tag}> is not a "
                               "QTI assessment item or test. Give the right --format.")
        if root.get("title"):
            draft.name = root.get("title", draft.name)
        test_limit = _seconds_to_minutes(root)
        for part in root.findall("testpart"):
            part_limit = _seconds_to_minutes(part) or test_limit
            for section_el in part.iter("assessmentsection"):
                if section_el.find("assessmentsection") is not None:
                    continue  # nested sections contribute their own items
                section = DraftSection(
                    name=section_el.get("title") or section_el.get("identifier") or "Section",
                    time_limit_minutes=_seconds_to_minutes(section_el) or part_limit,
                )
                draft.sections.append(section)
                if section_el.find("selection") is not None:
                    draft.report.note(files.where(resolved), f"section '{section.name}'",
                                      "its random selection rule was not carried over; all "
                                      "items were imported (set the section's form: to draw)")
                for ref in section_el.findall("assessmentitemref"):
                    href = files.resolve(ref.get("href", ""), resolved)
                    if href is None:
                        draft.report.skip(files.where(ref.get("href", "")), "item",
                                          "the test refers to a file that is not there")
                        continue
                    self._item(files, href, section, draft, ids)

    def _item(self, files: _Files, href: str, section: DraftSection, draft: Draft,
              ids: IdMaker, root: Element | None = None) -> None:
        where = files.where(href)
        resolved = files.resolve(href) if root is None else href
        if resolved is None:
            draft.report.skip(where, "item", "the manifest lists a file that is not there")
            return
        try:
            root = root if root is not None else self._xml(files, resolved)
        except ExamsimError as exc:
            draft.report.skip(where, "item", str(exc))
            return
        item_id = ids.make(root.get("identifier") or posixpath.basename(href).rsplit(".", 1)[0])

        def load(src: str, base: str) -> bytes | None:
            found = files.resolve(src, base)
            return files.read(found) if found is not None else None

        try:
            section.items.append(ItemReader(draft, load).read(root, resolved, item_id, where))
        except Unmappable as exc:
            title = root.get("title")
            draft.report.skip(where, f"item '{title or item_id}'", str(exc))


importer = QtiImporter()
