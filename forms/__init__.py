"""The declarations of a dossier as pydantic models and pure field rules.

Imports neither ``desk_app`` nor ``textual``: it is the bottom layer every other layer may use.
"""
