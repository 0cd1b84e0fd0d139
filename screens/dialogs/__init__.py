"""Dialogs of the counter actions on a dossier (hand over, supplement, cancel)."""
