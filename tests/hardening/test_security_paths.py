"""Nothing a pack or an imported file names can reach outside its folder: asset, item and
few-shot paths (.., absolute, symlinks) are refused before anything is sent; zip members
that could be written elsewhere refuse the whole package (zip-slip); references inside an
import never read files beside it; ids cannot become paths."""

from __future__ import annotations

import base64
import io
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examsim.cli.app import app
from examsim.packs import inspect_pack
from examsim.testing.provider_server import ProviderServer
from tests.conftest import DATA, FIXTURES

MINI = DATA / "packs" / "mini"
SECRET = b"SECRET-FILE-CONTENT-0123456789"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file next to the pack (outside it) that must never be read."""
    path = tmp_path / "secret.png"
    path.write_bytes(SECRET)
    return path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _image(target: Callable[[Path, Path], str]) -> Callable[[Path, Path], None]:
    def edit(pack: Path, secret: Path) -> None:
        _edit(pack / "items" / "mc.yaml", "assets/square.png", target(pack, secret))
    return edit


def _link_file(pack: Path, secret: Path) -> str:
    os.symlink(secret, pack / "assets" / "leak.png")
    return "assets/leak.png"


def _link_folder(pack: Path, secret: Path) -> str:
    os.symlink(secret.parent, pack / "assets" / "up")
    return f"assets/up/{secret.name}"


def _items_link(pack: Path, secret: Path) -> None:
    outside_items = secret.parent / "items.yaml"
    shutil.copy(pack / "items" / "mc.yaml", outside_items)
    (pack / "items" / "mc.yaml").unlink()
    os.symlink(outside_items, pack / "items" / "mc.yaml")


ESCAPES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "image ..": (_image(lambda p, s: "../secret.png"), "items[2].images[0].path"),
    "image absolute": (_image(lambda p, s: str(s)), "items[2].images[0].path"),
    "image symlink": (_image(_link_file), "items[2].images[0].path"),
    "image in a symlinked folder": (_image(_link_folder), "items[2].images[0].path"),
    "items ..": (lambda p, s: _edit(p / "exam.yaml", "items: items/mc.yaml",
                                    "items: ../fewshot.yaml"), "sections[0].items"),
    "items symlink": (_items_link, "sections[0].items"),
    "few-shot ..": (lambda p, s: _edit(p / "exam.yaml", "provenance: original",
                                       "provenance: original\nfewshot: ../fewshot.yaml"),
                    "fewshot"),
}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ProviderServer]:
    with ProviderServer() as srv:
        monkeypatch.setenv("LOCAL_BASE_URL", srv.url)
        yield srv


@pytest.mark.parametrize("case", sorted(ESCAPES))
def test_pack_paths_cannot_leave_the_pack(case: str, tmp_path: Path, outside: Path,
                                          server: ProviderServer) -> None:
    edit, field = ESCAPES[case]
    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    shutil.copy(MINI / "fewshot.yaml", tmp_path / "fewshot.yaml")
    edit(pack, outside)
    loaded, problems = inspect_pack(pack)
    assert loaded is None or problems
    assert [p.field for p in problems if "outside the pack folder" in p.message] == [field]

    result = CliRunner().invoke(app, ["run", str(pack), "--model", "openai-api/local/m",
                                      "--out", str(tmp_path / "run")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "outside the pack folder" in result.stderr
    assert server.requests == []  # refused before anything was sent
    assert not (tmp_path / "run").exists()


def _qti_package(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in members.items():
            package.writestr(zipfile.ZipInfo(name), data)
    return buffer.getvalue()


ITEM = (FIXTURES / "qti21" / "qtisdk_choice.xml").read_bytes()
MANIFEST = b"""<?xml version="1.0"?><manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1">
<resources><resource identifier="r1" type="imsqti_item_xmlv2p1" href="choice.xml">
<file href="choice.xml"/></resource></resources></manifest>"""


@pytest.mark.parametrize("member", [
    "../evil.xml", "../../tmp/evil.xml", "/abs/evil.xml", "items/../../evil.xml",
    "..\\evil.xml", "C:/evil.xml", "\\evil.xml",
])
def test_zip_slip_refuses_the_whole_package(member: str, tmp_path: Path) -> None:
    source = tmp_path / "in" / "package.zip"
    source.parent.mkdir()
    source.write_bytes(_qti_package({"imsmanifest.xml": MANIFEST, "choice.xml": ITEM,
                                     member: b"<x/>"}))
    before = sorted(tmp_path.rglob("*"))
    result = CliRunner().invoke(app, ["pack", "import", str(source), "--out",
                                      str(tmp_path / "in" / "out")])
    assert result.exit_code == 1, result.output
    assert result.stderr == (f"Error: {source}: member '{member}' points outside the package; "
                             "examsim refuses packages whose files could be written elsewhere.\n")
    assert sorted(tmp_path.rglob("*")) == before  # nothing written anywhere


@pytest.mark.parametrize("reference", ["../secret.png", "../../secret.png", "{secret}",
                                       "images/link.png"])
def test_references_in_an_imported_file_never_read_beside_it(
    reference: str, tmp_path: Path, outside: Path
) -> None:
    folder = tmp_path / "export"
    (folder / "images").mkdir(parents=True)
    os.symlink(outside, folder / "images" / "link.png")
    source = folder / "choice.xml"
    source.write_bytes(ITEM.replace(b"images/sign.png",
                                    reference.format(secret=outside).encode()))
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["pack", "import", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve())
        assert not path.is_file() or SECRET not in path.read_bytes(), path
    assert not (out / "assets").exists() or not any((out / "assets").iterdir())


def test_embedded_file_names_do_not_choose_where_images_go(tmp_path: Path) -> None:
    png = (MINI / "assets" / "square.png").read_bytes()
    names = ["../../../evil.png", "/tmp/evil2.png", "..\\evil3.png", "a/../../evil4.png"]
    # Different bytes for each, so that none is stored once for several names.
    encoded = [base64.b64encode(png + name.encode()).decode() for name in names]
    files = "".join(f'<file name="{name}" encoding="base64">{data}</file>'
                    for name, data in zip(names, encoded, strict=True))
    source = tmp_path / "in" / "quiz.xml"
    source.parent.mkdir()
    source.write_text(f"""<?xml version="1.0"?><quiz><question type="multichoice">
<name><text>Q</text></name><questiontext format="html"><text>Which colour?</text>{files}
</questiontext><answer fraction="100"><text>Red</text></answer>
<answer fraction="0"><text>Blue</text></answer></question></quiz>""", encoding="utf-8")
    out = tmp_path / "in" / "out"
    result = CliRunner().invoke(app, ["pack", "import", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assets = sorted(p.name for p in (out / "assets").iterdir())
    assert len(assets) == 4 and all(name.endswith(".png") and "/" not in name
                                    and "\\" not in name for name in assets), assets
    written = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()}
    assert all(p.is_relative_to(out.resolve()) or p == source.resolve() for p in written)
    assert not list(Path("/tmp").glob("evil2.png"))


@pytest.mark.parametrize("args", [
    ["pack", "new", "../evil"],
    ["pack", "import", str(FIXTURES / "gift" / "giftpeg_options1.gift"), "--id", "../evil"],
    ["pack", "import", str(FIXTURES / "gift" / "giftpeg_options1.gift"), "--id", "/tmp/evil"],
    ["norms", "build", "--scores", "scores.csv", "--scale", "lsat", "--name", "../../evil"],
    ["norms", "build", "--scores", "scores.csv", "--scale", "../lsat", "--name", "class"],
])
def test_ids_cannot_become_paths(args: list[str], tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    (work / "scores.csv").write_text("score\n150\n160\n170\n", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    data = Path(os.environ["XDG_DATA_HOME"])
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (1, 2), result.output
    assert result.stderr.startswith("Error: ")
    assert sorted(tmp_path.rglob("*")) == before
    assert not data.exists() or not [p for p in data.rglob("*") if p.is_file()]
