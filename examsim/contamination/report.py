"""The Appendix C tables of one or more runs.

Table 9 (summary): per run and reported score, the share of contaminated items, the score
on the full form, the score on the clean items projected to full length, and the one
reported (the lower). Table 10 (details): per exam and section, the number of questions,
the share contaminated, and the percentage of the maximum points earned on all items, on
the clean items only and on the contaminated items only, and the degradation.

Degradation is (clean - all) / all, a relative change in per cent: that is what the
report's Table 10 numbers are (e.g. LSAT: (83.61 - 76.00) / 76.00 = 10.01 %), although
its caption describes "non-contaminated percent minus contaminated". It is None (N/A)
when no item is clean or nothing was earned on all items.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from examsim.contamination.clean import full_vs_clean
from examsim.contamination.verdicts import read_verdicts
from examsim.errors import UsageError

FORMATS = ("md", "csv", "json")


@dataclass(frozen=True)
class SummaryRow:
    """A row of Table 9."""

    run: str
    exam: str
    model: str
    vision: bool
    score: str
    contaminated_percent: float
    full: str
    clean: str
    reported: str
    """The score reported: the lower of the two."""
    reported_from: str
    """``full`` or ``clean``."""


@dataclass(frozen=True)
class DetailRow:
    """A row of Table 10: one section of one run."""

    run: str
    exam: str
    section: str
    name: str
    questions: int
    contaminated_percent: float
    all_percent: float | None
    clean_percent: float | None
    contaminated_only_percent: float | None
    degradation_percent: float | None


@dataclass(frozen=True)
class ContaminationReport:
    summary: list[SummaryRow]
    details: list[DetailRow]

    def to_dict(self) -> dict[str, Any]:
        return {
            "degradation": "(clean - all) / all, in per cent",
            "summary": [asdict(r) for r in self.summary],
            "details": [asdict(r) for r in self.details],
        }


def _percent(raw: float, top: float) -> float | None:
    return 100.0 * raw / top if top > 0 else None


def contamination_report(
    run_dirs: Sequence[Path],
    verdicts: Path | None = None,
    *,
    norms: str | None = None,
    packs: Sequence[Path] = (),
) -> ContaminationReport:
    """Table 9 and Table 10 rows for each run (each with its recorded verdicts, or
    ``verdicts`` for all)."""
    from examsim.scoring import score_run

    if not run_dirs:
        raise UsageError("Give at least one run directory.")
    summary: list[SummaryRow] = []
    details: list[DetailRow] = []
    for run_dir in run_dirs:
        result = full_vs_clean(Path(run_dir), verdicts, norms=norms, packs=packs, save=False)
        for pair in result.scores:
            summary.append(SummaryRow(
                run=result.run, exam=result.full.exam, model=result.full.model,
                vision=result.full.vision, score=pair.full.name,
                contaminated_percent=result.percent, full=pair.full.label,
                clean=pair.clean.label if pair.clean.status == "scored" else "N/A",
                reported=pair.result.label, reported_from=pair.reported,
            ))
        dirty = set(result.contaminated)
        # Scored on the contaminated items alone: every other item of the pack set aside.
        judged = read_verdicts(Path(result.verdicts))
        clean_ids = {v.item for v in judged.items if not v.contaminated}
        only = score_run(Path(run_dir), norms, exclude=clean_ids, packs=packs, bootstrap=0)
        for full_s, clean_s, only_s in zip(result.full.sections, result.clean.sections,
                                           only.sections, strict=True):
            everything = _percent(full_s.raw, full_s.max)
            cleaned = _percent(clean_s.raw, clean_s.max)
            degradation = None
            if everything and cleaned is not None:
                degradation = 100.0 * (cleaned - everything) / everything
            in_section = len(set(clean_s.excluded) & dirty)
            details.append(DetailRow(
                run=result.run, exam=result.full.exam, section=full_s.id, name=full_s.name,
                questions=full_s.items,
                contaminated_percent=100.0 * in_section / full_s.items if full_s.items else 0.0,
                all_percent=everything,
                clean_percent=cleaned,
                contaminated_only_percent=_percent(only_s.raw, only_s.max),
                degradation_percent=degradation,
            ))
    details.sort(key=lambda r: -r.contaminated_percent)  # most contaminated first, as Table 10
    return ContaminationReport(summary, details)


def _cell(value: object) -> str:
    if value is None:
        return "N/A"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}%"
    return str(value)


SUMMARY_COLUMNS = [("exam", "Exam"), ("score", "Score"), ("model", "Model"),
                   ("vision", "Vision"), ("contaminated_percent", "Contam"),
                   ("full", "Full test"), ("clean", "Non-contaminated"),
                   ("reported", "Reported"), ("reported_from", "From")]
DETAIL_COLUMNS = [("exam", "Exam"), ("name", "Section"), ("questions", "#questions"),
                  ("contaminated_percent", "Contamination"), ("all_percent", "All"),
                  ("clean_percent", "Non-contaminated"),
                  ("contaminated_only_percent", "Contaminated only"),
                  ("degradation_percent", "Degradation")]


def render(report: ContaminationReport, fmt: str) -> str:
    """The report as Markdown tables, CSV (Table 10 rows) or JSON."""
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        keys = [key for key, _ in DETAIL_COLUMNS]
        writer.writerow(["run", *keys])
        for row in report.details:
            values = asdict(row)
            writer.writerow([row.run, *("" if values[k] is None else (
                round(values[k], 4) if isinstance(values[k], float) else values[k])
                for k in keys)])
        return buffer.getvalue()
    if fmt != "md":
        raise UsageError(f"--format {fmt}: use one of {', '.join(FORMATS)}.")
    lines = ["Contamination summary (Table 9): the reported score is the lower of the full "
             "test and the non-contaminated items projected to the full test.", ""]
    lines += _markdown(SUMMARY_COLUMNS, [asdict(r) for r in report.summary])
    lines += ["", "Contamination details (Table 10): percentage of the maximum points; "
              "degradation = (non-contaminated - all) / all.", ""]
    lines += _markdown(DETAIL_COLUMNS, [asdict(r) for r in report.details])
    return "\n".join(lines) + "\n"


def _markdown(columns: list[tuple[str, str]], rows: list[dict[str, Any]]) -> list[str]:
    header = "| " + " | ".join(title for _, title in columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    return [header, rule, *("| " + " | ".join(_cell(row[key]) for key, _ in columns) + " |"
                            for row in rows)]
