"""Tests of the reference data: gazetteer, agencies, option lists, checklist, calendar."""
