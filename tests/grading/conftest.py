"""Fixture runs for the grading tests, written through RunDir like a real run."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from examsim.packs import load_pack
from examsim.runlog import Manifest, ResponseRecord, RunDir
from examsim.version import __version__

# What a candidate wrote for each free-response item of the mini pack.
GOOD_ESSAY_1 = (
    "Sunlight is scattered by the molecules of the air. This is Rayleigh scattering, and "
    "it is much stronger for short wavelengths, so blue light is scattered across the "
    "whole sky and reaches our eyes from every direction."
)
GOOD_ESSAY_2 = (
    "Homework in primary school should be limited. My position is that short reading "
    "at home helps, but long worksheets tire children; reasons and examples follow."
)

MakeRun = Callable[..., RunDir]


@pytest.fixture
def make_run(tmp_path: Path, mini_pack: Path) -> MakeRun:
    """Build a finished run of the mini pack with the given free responses.

    ``responses`` maps (item, sample) to the response text, or None for a blank response.
    """
    pack = load_pack(mini_pack)
    counter = iter(range(1000))

    def make(
        responses: Mapping[tuple[str, int], str | None] | None = None,
        samples: int = 1,
        errors: tuple[tuple[str, int], ...] = (),
    ) -> RunDir:
        if responses is None:
            responses = {("essay-1", 0): GOOD_ESSAY_1, ("essay-2", 0): GOOD_ESSAY_2}
        path = tmp_path / f"run-{next(counter)}"
        run = RunDir.create(
            path,
            Manifest(
                run_id=path.name,
                exam=pack.id,
                pack_path=str(pack.root),
                pack_digest=pack.digest,
                model="mock/answer-key",
                samples=samples,
                examsim_version=__version__,
                form={s.id: [i.id for i in s.items] for s in pack.sections},
            ),
        )
        run.append_response(
            ResponseRecord(item="mc-1", section="mc", status="answered", answer="B", output="B")
        )
        for (item, sample), text in responses.items():
            if text is None:
                run.append_response(
                    ResponseRecord(item=item, section="essay", sample=sample, status="blank")
                )
            else:
                run.append_response(
                    ResponseRecord(
                        item=item, section="essay", sample=sample, status="answered",
                        answer=text, output=text,
                    )
                )
        for item, sample in errors:
            run.append_response(
                ResponseRecord(item=item, section="essay", sample=sample, status="error",
                               error="HTTP 500")
            )
        return run

    return make
