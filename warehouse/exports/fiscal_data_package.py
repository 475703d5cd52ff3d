"""A Fiscal Data Package (Open Knowledge / OpenSpending, spec 1.0): ``datapackage.json`` beside
CSV resources, UTF-8 with Chinese labels.

Each column carries its fiscal meaning as a ``columnType`` (the spec's ColumnType taxonomy):
the amount (``value``, in 元, currency CNY as a constant extra field), the fiscal period
(``date:fiscal-year``; a Chinese fiscal year is the calendar year, also stated as the package's
``fiscalPeriod``), the administrative classification (the department), the budget phase
(``approved`` for a 预算, ``executed`` for a 决算), and the classification hierarchies: function
类 > 款 > 项 and economic 类 > 款.

Two fact resources, never to be added together (the same money is classified twice):
expenditure by function (支出总表, 项 rows, 合计 column) and basic expenditure by economic class
(一般公共预算基本支出表, 款 rows, 合计 column), each one row per disclosure and leaf line; and
the departments, with their region, which both reference by key.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from warehouse.exports.tables import copy_csv

PHASES = {"budget": ("approved", "预算（批准数）"), "final_account": ("executed", "决算（执行数）")}


def _phase(part: int) -> str:
    """SQL for the phase of a line's document: its id (part 0) or its label (part 1)."""
    cases = " ".join(f"when '{kind}' then '{values[part]}'" for kind, values in PHASES.items())
    return f"case d.document_kind {cases} end"


# One amount per disclosure and leaf: a table a disclosure's two files both print counts once.
FUNCTION_QUERY = f"""
select
    l.department_id,
    d.department_name,
    l.fiscal_year,
    {_phase(0)} as phase_id,
    {_phase(1)} as phase_label,
    d.document_scope,
    left(l.code, 3) as function_class_code,
    any_value(c1.function_name) as function_class_label,
    left(l.code, 5) as function_section_code,
    any_value(c2.function_name) as function_section_label,
    l.code as function_item_code,
    any_value(c3.function_name) as function_item_label,
    max(l.amount_yuan) as amount
from marts.fct_budget_line as l
join marts.dim_document as d using (document_id)
left join marts.dim_function_class as c1 on c1.function_code = left(l.code, 3)
left join marts.dim_function_class as c2 on c2.function_code = left(l.code, 5)
left join marts.dim_function_class as c3 on c3.function_code = l.code
where l.table_kind = 'expenditure_summary' and l.classification = 'function' and l.measure = 'total'
    and length(l.code) = 7 and l.department_id is not null and d.document_kind in ('budget', 'final_account')
group by d.disclosure_id, l.department_id, d.department_name, l.fiscal_year, d.document_kind, d.document_scope, l.code
order by all
"""

ECONOMIC_QUERY = f"""
select
    l.department_id,
    d.department_name,
    l.fiscal_year,
    {_phase(0)} as phase_id,
    {_phase(1)} as phase_label,
    d.document_scope,
    left(l.code, 3) as economic_class_code,
    any_value(c1.economic_name) as economic_class_label,
    l.code as economic_section_code,
    any_value(c2.economic_name) as economic_section_label,
    max(l.amount_yuan) as amount
from marts.fct_budget_line as l
join marts.dim_document as d using (document_id)
left join marts.dim_economic_class as c1 on c1.economic_code = left(l.code, 3)
left join marts.dim_economic_class as c2 on c2.economic_code = l.code
where l.table_kind = 'general_public_basic_expenditure' and l.classification = 'economic' and l.measure = 'total'
    and length(l.code) = 5 and l.department_id is not null and d.document_kind in ('budget', 'final_account')
group by d.disclosure_id, l.department_id, d.department_name, l.fiscal_year, d.document_kind, d.document_scope, l.code
order by all
"""

DEPARTMENT_QUERY = """
select department_id, department_name, province_name, city_name, county_name, region_level
from marts.dim_department
left join marts.dim_region using (department_id, department_name)
order by department_id
"""


def _field(name: str, type_: str, title: str, column_type: str | None = None, **extra) -> dict:
    field = {"name": name, "type": type_, "title": title, **extra}
    if column_type:
        field["columnType"] = column_type
    return field


def _common_fields() -> list[dict]:
    return [
        _field(
            "department_id",
            "string",
            "部门编码",
            "administrative-classification:generic:level1:code",
            constraints={"required": True},
        ),
        _field("department_name", "string", "部门名称", "administrative-classification:generic:level1:label"),
        _field("fiscal_year", "integer", "预算年度", "date:fiscal-year", constraints={"required": True}),
        _field(
            "phase_id",
            "string",
            "预算阶段",
            "phase:id",
            constraints={"required": True, "enum": [p for p, _ in PHASES.values()]},
        ),
        _field("phase_label", "string", "预算阶段名称", "phase:label"),
        _field("document_scope", "string", "公开范围（部门 department / 单位 unit）"),
    ]


def _amount_fields() -> tuple[dict, dict]:
    amount = _field(
        "amount", "number", "金额（元）", "value", bareNumber=True, decimalChar=".", constraints={"required": True}
    )
    currency = _field("currency", "string", "币种", "value-currency:code", constant="CNY")
    return amount, currency


def _hierarchy(prefix: str, column_type: str, levels: tuple[tuple[str, str], ...]) -> list[dict]:
    fields = []
    for n, (level, title) in enumerate(levels, 1):
        fields.append(
            _field(f"{prefix}_{level}_code", "string", f"{title}编码", f"{column_type}:generic:level{n}:code")
        )
        fields.append(
            _field(f"{prefix}_{level}_label", "string", f"{title}名称", f"{column_type}:generic:level{n}:label")
        )
    return fields


def _department_key() -> dict:
    return {"fields": "department_id", "reference": {"resource": "departments", "fields": "department_id"}}


def descriptor(first_year: int | None, last_year: int | None) -> dict:
    amount, currency = _amount_fields()
    package: dict[str, Any] = {
        "name": "budget-etl-fiscal-data",
        "title": "部门预算与决算支出（按功能分类、经济分类）",
        "description": (
            "Expenditure printed in Chinese department budgets (部门预算, phase approved) and final "
            "accounts (部门决算, phase executed), as extracted by budget-etl: by function class "
            "(支出总表, 项 rows) and, separately, basic expenditure by economic class "
            "(一般公共预算基本支出表, 款 rows). Amounts in 元. The two resources classify the same "
            "money two ways: never add them together."
        ),
        "countryCode": "CN",
        "resources": [
            {
                "name": "expenditure_by_function",
                "title": "支出总表（按支出功能分类，项级）",
                "path": "expenditure_by_function.csv",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        *_common_fields(),
                        *_hierarchy(
                            "function",
                            "functional-classification",
                            (("class", "功能分类类级"), ("section", "功能分类款级"), ("item", "功能分类项级")),
                        ),
                        amount,
                    ],
                    "foreignKeys": [_department_key()],
                    "extraFields": [currency],
                },
            },
            {
                "name": "basic_expenditure_by_economic_class",
                "title": "一般公共预算基本支出表（按部门预算支出经济分类，款级）",
                "path": "basic_expenditure_by_economic_class.csv",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        *_common_fields(),
                        *_hierarchy(
                            "economic",
                            "economic-classification",
                            (("class", "经济分类类级"), ("section", "经济分类款级")),
                        ),
                        amount,
                    ],
                    "foreignKeys": [_department_key()],
                    "extraFields": [currency],
                },
            },
            {
                "name": "departments",
                "title": "部门（行政分类）",
                "path": "departments.csv",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        _field(
                            "department_id",
                            "string",
                            "部门编码",
                            "administrative-classification:generic:level1:code",
                            constraints={"required": True, "unique": True},
                        ),
                        _field(
                            "department_name",
                            "string",
                            "部门名称",
                            "administrative-classification:generic:level1:label",
                        ),
                        _field("province_name", "string", "省级行政区", "geo:province:label"),
                        _field("city_name", "string", "地级市", "geo:city:label"),
                        _field("county_name", "string", "县级行政区", "geo:county:label"),
                        _field("region_level", "string", "行政级别（province / city / county / unknown）"),
                    ],
                    "primaryKey": ["department_id"],
                },
            },
        ],
    }
    if first_year is not None:
        package["fiscalPeriod"] = {"start": f"{first_year}-01-01", "end": f"{last_year}-12-31"}
    return package


def write_package(con: duckdb.DuckDBPyConnection, out_dir: Path, bom: bool) -> list[tuple[Path, int]]:
    queries = {
        "expenditure_by_function.csv": FUNCTION_QUERY,
        "basic_expenditure_by_economic_class.csv": ECONOMIC_QUERY,
        "departments.csv": DEPARTMENT_QUERY,
    }
    written = []
    for name, query in queries.items():
        copy_csv(con, query, out_dir / name, bom)
        written.append((Path(name), con.execute(f"select count(*) from ({query})").fetchone()[0]))  # type: ignore[index]  # count(*) returns one row
    years = con.execute(f"select min(fiscal_year), max(fiscal_year) from ({FUNCTION_QUERY})").fetchone()
    package = descriptor(*years)  # type: ignore[misc]  # an aggregate returns one row
    if bom:
        for resource in package["resources"]:
            resource["encoding"] = "utf-8-sig"
    (out_dir / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return [(Path("datapackage.json"), 0), *written]
