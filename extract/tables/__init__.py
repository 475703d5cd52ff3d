"""Parsers of the standard tables, one module per table shape."""
