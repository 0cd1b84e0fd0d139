"""The core of the desk: everything that is not a screen. Never imports textual."""
