"""Placeholder: filled in by its own issue (see the module of the same name in the other layer)."""
