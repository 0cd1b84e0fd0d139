"""Benchmarks with budgets: ``python -m bench`` runs every ``bench/bench_*.py`` module.

Each module exposes ``run() -> list[Figure]``. Figures are printed beside their budgets and
written as JSON, so a regression shows as a red line rather than as a feeling.
"""
