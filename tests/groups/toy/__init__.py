"""A toy procedure group that lives entirely in test data: the seam's guard.

Its model (:mod:`tests.groups.toy.model`), its TOML (``group_toy_extract.toml``) and its
definition (:mod:`tests.groups.toy.definition`) are everything it has; nothing outside this
folder knows it. Registering it is importing :mod:`tests.groups.toy.definition`.
"""
