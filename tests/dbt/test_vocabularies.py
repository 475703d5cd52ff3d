"""One source per vocabulary: the seeds. Everything else that names table kinds, measures,
classifications or required tables is checked against them here, so that the lists cannot drift.

- table kinds: seed ref_budget_table (extract/model.py names them for the extractor;
  fct_budget_line.yml tests against the seed itself);
- required tables: the seed's ``required_budget`` and ``required_final_account`` columns
  (extract/document.py rejects a disclosure without a ``load`` table; fct_table_completeness
  reads the seed itself);
- measures: seed ref_measure (extract/headers.py and the table readers name them);
- classifications: fct_budget_line.yml's accepted_values (the seed's row_classification uses them).
"""

from __future__ import annotations

import csv
import re

import yaml

from extract import document
from extract import model as m
from extract.headers import _MEASURES
from extract.tables.performance import _YEAR_MEASURES
from tests.dbt.dbt_runner import DBT_PROJECT

SEEDS = DBT_PROJECT / "seeds"
MARTS = DBT_PROJECT / "models" / "marts"


def seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def table_kinds() -> list[str]:
    return [row["table_kind"] for row in seed("ref_budget_table")]


def column_tests(model: str, column: str) -> list:
    spec = yaml.safe_load((MARTS / f"{model}.yml").read_text(encoding="utf-8"))
    (found,) = [c for mdl in spec["models"] if mdl["name"] == model for c in mdl["columns"] if c["name"] == column]
    return found.get("data_tests", [])


def test_the_extractor_names_exactly_the_seeded_table_kinds():
    named = {value for name, value in vars(m).items() if name.isupper() and isinstance(value, str)}
    assert named - set(m.TEXT_SOURCES) == set(table_kinds())


def test_dim_document_accepts_exactly_the_extractors_text_sources():
    (accepted,) = [t["accepted_values"] for t in column_tests("dim_document", "text_source") if "accepted_values" in t]
    values = accepted.get("arguments", accepted)["values"]
    assert set(values) == set(m.TEXT_SOURCES)


def test_fct_budget_line_tests_table_kind_against_the_seed_not_a_list():
    tests = column_tests("fct_budget_line", "table_kind")
    assert {"relationships": {"arguments": {"to": "ref('ref_budget_table')", "field": "table_kind"}}} in tests
    assert not [t for t in tests if isinstance(t, dict) and "accepted_values" in t]


def test_required_tables_are_the_seeded_ones():
    """The tables a load requires are the same for both kinds of document (the extractor rejects
    by one list, naming each table as the document's kind prints it)."""
    rows = seed("ref_budget_table")
    for column in ("required_budget", "required_final_account"):
        assert {row[column] for row in rows} <= {"load", "disclosure", ""}
        assert set(document.REQUIRED) == {row["table_kind"] for row in rows if row[column] == "load"}, column
    titles = {row["table_kind"]: row for row in rows}
    for kind, names in document.REQUIRED.items():  # the names a rejection says are the seed's titles
        assert names["budget"] in titles[kind]["title_budget"].split(" / "), kind
        assert names["final_account"] in titles[kind]["title_final_account"].split(" / "), kind


def test_every_measure_the_extractor_names_is_seeded():
    seeded = {row["measure"] for row in seed("ref_measure")}
    named = {name for _, name in _MEASURES} | set(_YEAR_MEASURES.values()) | {"budgeted_total"}
    assert named <= seeded, named - seeded
    assert {row["measure"] for row in seed("ref_measure") if row["in_contract"] == "true"} == {
        "total",
        "basic",
        "project",
        "business",
        "subsidy_to_affiliates",
        "remit_to_superior",
        "personnel",
        "public_operating",
    }


def test_classifications_are_the_accepted_ones():
    (accepted,) = [
        t["accepted_values"]["arguments"]["values"]
        for t in column_tests("fct_budget_line", "classification")
        if isinstance(t, dict) and "accepted_values" in t
    ]
    in_seed = {c.strip() for row in seed("ref_budget_table") for c in re.split(r"[;(]", row["row_classification"])}
    assert set(accepted) == {"function", "economic", "revenue", "three_public", "other"}
    assert {c for c in in_seed if re.fullmatch(r"[a-z_]+", c)} <= set(accepted)
