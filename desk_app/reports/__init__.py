"""The office's paperwork beyond one dossier: the register book (form 06), the monthly summary
and the end-of-day closing slip, as PDF (and XLSX for the first two). No Textual here.

Import the pieces from their modules (:mod:`.api` for the calls screens and the CLI make):
this package's import stays free of reportlab and openpyxl, so `desk --help` stays fast.
"""
