"""Departments printed under several names resolve to one department, and one disclosure
(int_documents__department), on the scenario warehouse (tests.dbt.scenario)."""

from __future__ import annotations

from extract.facts import department_key
from tests.dbt.scenario import (
    GULOU_DEPARTMENTS,
    NPC_OFFICE,
    NPC_OFFICE_ALIAS,
    PARTY_OFFICE_NAMES,
    SEED_DEPARTMENT,
    SHORT_SEED_DEPARTMENT,
)


def documents(query, names):
    marks = ", ".join("?" for _ in names)
    return query(
        f"""select source_file, department_name, department_id, disclosure_id, fiscal_year, status
            from marts.dim_document where department_name in ({marks}) order by source_file""",
        list(names),
    )


def test_a_short_name_joins_the_department_of_the_full_name(query):
    rows = documents(query, [SEED_DEPARTMENT, SHORT_SEED_DEPARTMENT])
    assert {r[1] for r in rows} == {SEED_DEPARTMENT, SHORT_SEED_DEPARTMENT}  # names stay as printed
    assert len({r[2] for r in rows}) == 1
    ((name, names, years),) = query(
        "select department_name, department_names, n_fiscal_years from marts.dim_department where department_id = ?",
        [rows[0][2]],
    )
    assert name == SEED_DEPARTMENT
    assert sorted(names) == sorted([SEED_DEPARTMENT, SHORT_SEED_DEPARTMENT])
    assert years == 3  # 2020, 2021 and the 2022 file printed with the short name


def test_the_three_names_of_a_party_office_are_one_department_and_its_two_files_one_disclosure(query):
    rows = documents(query, PARTY_OFFICE_NAMES)
    assert len(rows) == 3 and len({r[2] for r in rows}) == 1
    by_file = {r[0]: r for r in rows}
    tables, text = by_file["party_office_2018_budget_tables.pdf"], by_file["party_office_2018_budget_text.pdf"]
    assert tables[3] == text[3], "the tables PDF and the narrative PDF of 2018 share their disclosure_id"
    assert tables[5] == text[5] == "loaded", "a narrative companion is not a re-publication"
    assert by_file["party_office_2017_budget_tables.pdf"][3] != tables[3]


def test_an_abbreviation_printed_as_an_alias_joins_that_department(query):
    rows = documents(query, [NPC_OFFICE, NPC_OFFICE_ALIAS])
    assert len(rows) == 2 and len({r[2] for r in rows}) == 1


def test_a_short_name_two_departments_end_with_stays_apart(query):
    rows = documents(query, GULOU_DEPARTMENTS)
    assert len({r[2] for r in rows}) == 3


def test_name_folding_matches_the_extractor(query):
    rows = query("select department_name, department_key from staging.stg_raw__department_names")
    assert rows
    assert [(name, key) for name, key in rows if key != department_key(name)] == []
