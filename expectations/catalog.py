"""The identity catalogue: each accounting identity's stable name, meaning and tolerance.

Its one source is the dbt seed ``dbt_project/seeds/identity_catalog.csv``, beside the models
that compute the identities; the expectation suite and the docs are generated from it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

CATALOG_CSV = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "identity_catalog.csv"


@dataclass(frozen=True)
class Identity:
    name: str
    family: str
    table_kinds: tuple[str, ...]
    description_zh: str
    description_en: str
    tolerance_rule: str
    model: str


def load_identities(path: Path = CATALOG_CSV) -> list[Identity]:
    with open(path, encoding="utf-8", newline="") as f:
        return [
            Identity(
                name=row["identity"],
                family=row["family"],
                table_kinds=tuple(row["table_kinds"].split()),
                description_zh=row["description_zh"],
                description_en=row["description_en"],
                tolerance_rule=row["tolerance_rule"],
                model=row["model"],
            )
            for row in csv.DictReader(f)
        ]
