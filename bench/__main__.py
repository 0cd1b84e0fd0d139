"""Run the benchmarks: ``python -m bench [-k NAME] [--json PATH]``.

Exits 1 when a figure is over its budget: a ratio to its floor for every figure the machine's
speed moves, the value itself for the others (keys, memory); see :mod:`bench.figures`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

import bench
from bench.figures import Figure


def _modules(selected: list[str]) -> list[str]:
    names = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
    )
    if selected:
        names = [n for n in names if any(s in n for s in selected)]
    return names


def _row(f: Figure) -> tuple[str | Text, ...]:
    """One table row: the ratio and its budget, the floor, the absolute figure, the verdict."""
    name = Text(f.name)
    if f.note:
        name.append(f" ({f.note})", style="dim")
    absolute = f"{f.value:,.3f} {f.unit}"
    if f.ratio is not None:
        ratio, budget = f"{f.ratio:,.2f} ×", f"≤ {f.ratio_budget:,} ×" if f.ratio_budget else ""
        floor = Text(f"{f.floor:,.3f} {f.unit}")
        floor.append(f" {f.floor_name}", style="dim")
    else:
        sign = "≤" if f.better == "lower" else "≥"
        ratio, floor = "", Text("")
        budget = f"{sign} {f.budget:,} {f.unit}" if f.budget is not None else ""
    if not f.judged:
        verdict = Text("record", style="dim")
    else:
        verdict = Text("ok", style="green") if f.ok else Text("over budget", style="red")
    return name, ratio, budget, floor, absolute, verdict


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmark modules, print a table, write JSON; 1 if a budget is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("-k", action="append", default=[], help="run modules whose name has K")
    parser.add_argument(
        "--json", type=Path, default=Path(__file__).with_name("results.json"), help="output file"
    )
    args = parser.parse_args(argv)
    console = Console()
    if not console.is_terminal:  # a log file or a pipe: room for the whole row, no wrapping
        console = Console(width=200)
    figures: list[Figure] = []
    for name in _modules(args.k):
        console.print(f"[dim]running {name} …[/]")
        module = importlib.import_module(f"bench.{name}")
        figures.extend(module.run())
    table = Table("figure", "ratio", "budget", "floor", "absolute", "", title="desk benchmarks")
    for f in figures:
        table.add_row(*_row(f))
    console.print(table)
    args.json.write_text(json.dumps([f.as_dict() for f in figures], indent=2, ensure_ascii=False))
    console.print(f"[dim]written {args.json}[/]")
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
