"""The reference central system: what a desk syncs with, runnable on a laptop or a test bench.

A separate service with its own store (never a desk's database): a SQLite file by default, or
a PostgreSQL database shared by several central processes (:mod:`central.store`, the one
interface to either). It authenticates desks, keeps offices apart, stores dossiers and
attachments exactly once, lets the deciding agencies record their steps with tokens of their
own (:mod:`central.agency_api`) or simulates them, and answers requester
verification from a synthetic population register. The protocol it speaks is
docs/sync-protocol.md; :mod:`central.protocol` is its code form. Running it for a province is
docs/central-operations.md.
"""
