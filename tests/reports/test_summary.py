"""The monthly summary: every figure against an independent count in plain SQL, in the PDF, the
spreadsheet and the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest

from desk_app import groups
from desk_app.desk import Desk
from desk_app.reports import texts
from desk_app.reports.api import make_summary, summary_of
from desk_app.reports.render import summary_pdf
from desk_app.reports.summary import Figures
from tests.receipt.conftest import flat, pdf_text
from tests.reports.conftest import NOW, sheet_rows
from tests.reports.test_register import inside_margins

COUNT_SQL = """
WITH base AS (
  SELECT d.*, COALESCE((SELECT MAX(at) FROM audit a WHERE a.action = 'ready'
                        AND a.dossier_code = d.code), d.updated_at) AS resolved
  FROM dossiers d WHERE received_on BETWEEN '2026-11-01' AND '2026-11-30'
),
classified AS (
  SELECT *, CASE
    WHEN status = 'cancelled' THEN 'cancelled'
    WHEN status IN ('refused', 'papers_returned') THEN 'refused'
    WHEN status IN ('ready', 'handed_over') THEN
      CASE WHEN (due_on IS NOT NULL AND date(resolved, '+7 hours') <= due_on)
             OR (due_on IS NULL AND julianday(resolved) <= julianday(appointment_at))
           THEN 'on_time' ELSE 'late' END
    ELSE
      CASE WHEN (due_on IS NOT NULL AND date(:now, '+7 hours') <= due_on)
             OR (due_on IS NULL AND julianday(:now) <= julianday(appointment_at))
           THEN 'pending' ELSE 'overdue' END
  END AS outcome FROM base
),
keyed AS (
  SELECT {key} AS key, outcome FROM classified {join}
)
SELECT key, COUNT(*), SUM(outcome = 'on_time'), SUM(outcome = 'late'), SUM(outcome = 'pending'),
       SUM(outcome = 'overdue'), SUM(outcome = 'refused'), SUM(outcome = 'cancelled')
FROM keyed GROUP BY key
"""
PROCEDURES = """
JOIN (SELECT 'birth_interlink' AS g, 'birth' AS p UNION ALL SELECT 'birth_interlink', 'residence'
      UNION ALL SELECT 'birth_interlink', 'insurance') fixed ON fixed.g = procedure_group
"""


def counted(desk: Desk, key: str, join: str = "") -> dict[str, tuple[int, ...]]:
    """key → (received, on time, late, pending, overdue, refused, cancelled), counted in SQL."""
    sql = COUNT_SQL.format(key=key, join=join)
    rows = desk.store.conn.execute(sql, {"now": NOW.isoformat()}).fetchall()
    return {k: tuple(v) for k, *v in rows}


def by_label(rows: list[Figures]) -> dict[str, tuple[int, ...]]:
    return {f.label: f.values() for f in rows}


def test_every_figure_matches_an_independent_count_of_the_store(office: Desk) -> None:
    summary = summary_of(office, 2026, 11)
    (total,) = counted(office, "'all'").values()
    assert summary.total.values() == total
    assert total[0] == 1000 and all(v > 0 for v in total[1:])  # every outcome occurs
    groups_sql = counted(office, "procedure_group")
    assert by_label(summary.by_group) == {groups.get(k).title: v for k, v in groups_sql.items()}
    officers = counted(office, "officer")
    assert by_label(summary.by_officer) == officers
    birth = counted(office, "fixed.p", PROCEDURES)
    death = counted(
        office,
        "j.value",
        "JOIN dossier_content c ON c.dossier_id = classified.id "
        "JOIN json_each(c.declarations, '$.declarations.requested') j "
        "ON procedure_group = 'death_interlink'",
    )
    expected = {groups.get("birth_interlink").procedure(k).label: v for k, v in birth.items()}
    expected |= {groups.get("death_interlink").procedure(k).label: v for k, v in death.items()}
    assert by_label(summary.by_procedure) == expected
    resolved = total[1] + total[2]
    assert summary.total.rate_text() == f"{100 * total[1] / resolved:.1f}%"


def test_a_form_04_new_date_moves_the_deadline(office: Desk) -> None:
    before = summary_of(office, 2026, 11).total
    office.store.conn.execute(
        "UPDATE dossiers SET due_on = '2027-06-01' WHERE status IN ('ready', 'handed_over')"
    )
    after = summary_of(office, 2026, 11).total
    assert after.late == 0 and after.on_time == before.on_time + before.late


def test_the_pdf_shows_the_figures_a_chart_and_stays_inside_the_margins(office: Desk) -> None:
    summary = summary_of(office, 2026, 11)
    rendered = summary_pdf(summary, office.settings, NOW)
    words = flat(pdf_text(rendered.pdf))
    assert texts.SUMMARY_TITLE in words and "Tháng 11/2026" in words
    total = summary.total
    row = " ".join(str(v) for v in total.values())
    assert f"{texts.ALL} {row} {total.rate_text()}" in words
    for f in summary.by_officer + summary.by_procedure:
        assert f.label in words
    assert texts.CHART_TITLE in words and all(name in words for name in texts.CHART_LEGEND)
    assert f"Trang 1/{rendered.pages}" in words
    document = pypdfium2.PdfDocument(rendered.pdf)
    colours: set[tuple[int, int, int]] = set()
    try:
        # The chart's bars are ink the text layer does not show: the on-time green is there.
        for page in document:
            image = page.render(scale=1).to_pil().convert("RGB")
            colours |= {pixel for _, pixel in image.getcolors(1 << 20) or []}
    finally:
        document.close()
    assert (46, 125, 50) in colours
    inside_margins(rendered.pdf, landscape=True)


def test_the_spreadsheet_reads_back_with_the_same_figures(office: Desk, tmp_path: Path) -> None:
    summary = summary_of(office, 2026, 11)
    path, count = make_summary(office, 2026, 11, tmp_path / "bao-cao.xlsx")
    assert count == 1000
    rows = sheet_rows(path.read_bytes())
    assert rows[2] == (texts.ROW_HEAD, *texts.COLUMNS)
    read = {r[0]: r[1:] for r in rows[3:] if r[1] is not None}
    for _, figures in summary.sections():
        for f in figures:
            *counts, rate = read[f.label]
            assert tuple(counts) == f.values()
            assert rate == pytest.approx(f.rate / 100)


def test_the_command_writes_the_summary_for_a_supervisor(
    office: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_app.demo import DEMO_SUPERVISOR

    config = office.settings.paths.database.parent / "desk.toml"
    out = tmp_path / "thang-11.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), "report", "summary",
         "--month", "2026-11", "--out", str(out), "--as", DEMO_SUPERVISOR[0]],
        input=DEMO_SUPERVISOR[1] + "\n", capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Đã ghi báo cáo tháng (1000 hồ sơ)" in done.stdout
    assert texts.SUMMARY_TITLE in flat(pdf_text(out.read_bytes()))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--month", "2026-13", "--out", "x.pdf"], "--month: '2026-13' không phải tháng"),
        (["--month", "2026-11", "--out", "x.docx"], "phải có đuôi .pdf hoặc .xlsx"),
    ],
)
def test_a_bad_option_is_named_in_vietnamese(
    office: Desk, tmp_path: Path, arguments: list[str], message: str
) -> None:
    config = office.settings.paths.database.parent / "desk.toml"
    done = subprocess.run(
        [sys.executable, "-m", "desk_app.cli", "--config", str(config), "report", "summary",
         *arguments, "--as", "lanhdao"],
        capture_output=True, text=True, check=False, cwd=tmp_path, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "x.pdf").exists()
