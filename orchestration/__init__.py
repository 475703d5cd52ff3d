"""Dagster orchestration: one Definitions object (``orchestration.definitions.defs``)."""
