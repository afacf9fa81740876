"""Untrusted files are parsed safely: YAML tags never build objects or run code in any
file examsim reads, XML from outside goes through defusedxml, and nothing in the package
evaluates, unpickles or shells out."""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from examsim.errors import ExamsimError
from examsim.packs import inspect_pack
from examsim.runner.prices import load_prices
from examsim.scoring import load_scale
from examsim.scoring.scales import tables_dir
from tests.conftest import DATA, REPO

PACKAGE = REPO / "examsim"
HOSTILE_TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:pathlib.Path {{}}",
    "!ruby/object:Gem::Installer {{}}",
]


def _yaml_readers(tmp: Path, value: str) -> list[Callable[[], object]]:
    """The reader of each kind of YAML file examsim reads, with ``value`` in a field."""
    pack = tmp / "pack"
    shutil.copytree(DATA / "packs" / "mini", pack)
    exam = pack / "exam.yaml"
    exam.write_text(exam.read_text(encoding="utf-8").replace(
        "description: A tiny pack", f"description: {value}\nlicense: A tiny pack"),
        encoding="utf-8")
    items = pack / "items" / "mc.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace(
        "stem: What is 2 + 3?", f"stem: {value}"), encoding="utf-8")
    tables = tmp / "tables"
    shutil.copytree(tables_dir() / "lsat", tables / "lsat")
    norms = tables / "lsat" / "norms" / "lsat-2016-2019.yaml"
    norms.write_text(norms.read_text(encoding="utf-8").replace(
        'population: "All LSAT', f'population: {value}\nnote2: "All LSAT'), encoding="utf-8")
    prices = tmp / "prices.yaml"
    prices.write_text(f"models:\n  x/y: {{input: 1, output: 2, note: {value}}}\n",
                      encoding="utf-8")
    return [
        lambda: inspect_pack(pack),  # exam.yaml and items/mc.yaml
        lambda: load_scale("lsat", root=tables, user_dir=tmp / "users"),
        lambda: load_prices(prices),
    ]


@pytest.mark.parametrize("tag", HOSTILE_TAGS)
def test_yaml_tags_never_build_objects(tag: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for read in _yaml_readers(tmp_path, tag.format(marker=marker)):
        with contextlib.suppress(ExamsimError):  # refused is fine; building anything is not
            read()
        assert not marker.exists()


def test_a_tagged_value_is_read_as_text(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    pack = tmp_path / "pack"
    shutil.copytree(DATA / "packs" / "mini", pack)
    items = pack / "items" / "mc.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace(
        "stem: What is 2 + 3?", f"stem: !!python/object/apply:os.system ['touch {marker}']"),
        encoding="utf-8")
    loaded, problems = inspect_pack(pack)
    # A sequence under a python tag is still just a list: not text, so a problem, not a call.
    assert loaded is None and [p.field for p in problems] == ["items[0].stem"]
    assert not marker.exists()


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


UNSAFE = {
    "yaml.load without a safe loader": re.compile(r"\byaml\.(?:load|load_all)\(|unsafe_load"
                                                  r"|Loader=yaml\.(?:Full|Unsafe)?Loader\b"),
    "ruamel unsafe or round-trip loading": re.compile(r"typ=[\"']unsafe|YAML\(\)\.load|"
                                                      r"\.load\(\s*open\("),
    "pickle or marshal": re.compile(r"\bimport pickle\b|\bpickle\.|\bmarshal\.loads|"
                                    r"\bshelve\b|joblib"),
    "eval or exec": re.compile(r"(?<![\w.])(?:eval|exec)\("),
    "a shell": re.compile(r"shell\s*=\s*True|os\.system\(|os\.popen\("),
}
# Parsing XML with the standard library is allowed only for XML examsim wrote itself.
XML_PARSE = re.compile(r"\b(?:fromstring|XMLParser|iterparse|minidom|xml\.sax|lxml)\b|"
                       r"ElementTree\.parse\(")
XML_ALLOWED = {
    "examsim/packs/importers/sources.py": "defusedxml, entities and external references off",
    "examsim/packs/exporters/qti.py": "parses HTML it rendered itself (raw HTML escaped)",
}


@pytest.mark.parametrize("kind", sorted(UNSAFE))
def test_no_unsafe_loading_in_the_package(kind: str) -> None:
    found = [f"{path.relative_to(REPO)}:{number}: {line.strip()}"
             for path in _sources()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if UNSAFE[kind].search(line) and not line.lstrip().startswith("#")]
    assert found == []


def test_xml_from_outside_is_parsed_only_by_defusedxml() -> None:
    parsing = {str(path.relative_to(REPO)) for path in _sources()
               if XML_PARSE.search(path.read_text(encoding="utf-8"))}
    assert parsing == set(XML_ALLOWED)
    safe = (PACKAGE / "packs" / "importers" / "sources.py").read_text(encoding="utf-8")
    assert "forbid_entities=True, forbid_external=True" in safe
