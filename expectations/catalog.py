"""The catalogues: each accounting identity's stable name, meaning and tolerance, and each
non-arithmetic review rule's name, meaning and severity.

Their one source is the dbt seeds ``dbt_project/seeds/identity_catalog.csv`` and
``review_rule_catalog.csv``, beside the models that compute them; the expectation suites and
the docs are generated from them.
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


REVIEW_RULES_CSV = CATALOG_CSV.with_name("review_rule_catalog.csv")


@dataclass(frozen=True)
class ReviewRule:
    """A non-arithmetic rule of a disclosure reviewer's checklist (marts.fct_review_finding)."""

    name: str
    family: str
    severity: str  # warning | critical
    description_zh: str
    description_en: str
    model: str


def load_review_rules(path: Path = REVIEW_RULES_CSV) -> list[ReviewRule]:
    with open(path, encoding="utf-8", newline="") as f:
        return [
            ReviewRule(
                name=row["rule"],
                family=row["family"],
                severity=row["severity"],
                description_zh=row["description_zh"],
                description_en=row["description_en"],
                model=row["model"],
            )
            for row in csv.DictReader(f)
        ]
