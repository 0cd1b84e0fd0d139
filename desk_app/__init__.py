"""The core of the desk: everything that is not a screen. Never imports textual."""

__version__ = "0.1.0"
