"""Reference data files read by desk_app (package `desk_app.data` once installed)."""
