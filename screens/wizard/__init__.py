"""The reception wizard: one interlinked dossier, step by step, keyboard only."""
