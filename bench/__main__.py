"""Run the benchmarks: ``python -m bench [-k NAME] [--json PATH]``."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

import bench
from bench.figures import Figure


def _modules(selected: list[str]) -> list[str]:
    names = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
    )
    if selected:
        names = [n for n in names if any(s in n for s in selected)]
    return names


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmark modules, print a table, write JSON; 1 if a budget is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("-k", action="append", default=[], help="run modules whose name has K")
    parser.add_argument(
        "--json", type=Path, default=Path(__file__).with_name("results.json"), help="output file"
    )
    args = parser.parse_args(argv)
    console = Console()
    figures: list[Figure] = []
    for name in _modules(args.k):
        console.print(f"[dim]running {name} …[/]")
        module = importlib.import_module(f"bench.{name}")
        figures.extend(module.run())
    table = Table("figure", "value", "budget", "", title="desk benchmarks")
    for f in figures:
        sign = "≤" if f.better == "lower" else "≥"
        verdict = "[green]ok[/]" if f.ok else "[red]over budget[/]"
        table.add_row(
            f.name + (f" [dim]({f.note})[/]" if f.note else ""),
            f"{f.value:,.3f} {f.unit}",
            f"{sign} {f.budget:,} {f.unit}",
            verdict,
        )
    console.print(table)
    args.json.write_text(json.dumps([f.as_dict() for f in figures], indent=2, ensure_ascii=False))
    console.print(f"[dim]written {args.json}[/]")
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
