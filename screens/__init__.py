"""The Textual application: one module per screen, thin over desk_app."""
