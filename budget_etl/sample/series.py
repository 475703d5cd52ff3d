"""Documents across years and kinds, for the analytics marts (预算执行, year over year): the
budget of the year before for some fixed departments, and their final accounts (决算) beside
the budget of the same year. They are not in the default corpus (its figures are counted by
many tests): ``write_sample_corpus(out_dir, series=True)`` or ``budget-etl sample --series``.

A 决算 is built from its budget's plan and random draws (so every budgeted amount is the one
the budget prints), then spent as its ``Execution`` says: projects under-spent, one dropped,
one added during the year, and less 公务接待费 than budgeted. Every amount is exact.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from budget_etl.sample.budget import GOVERNMENT_FUND, PublishedBudget
from budget_etl.sample.builder import DepartmentPlan, Execution, ProjectPlan, build
from budget_etl.sample.departments import FIXED


@dataclass(frozen=True)
class SeriesDocument:
    file_stem: str
    plan: DepartmentPlan  # the plan of the document's year (for a 决算: its budget's plan)
    execution: Execution | None = None  # set for a final account


def _fixed(key: str) -> DepartmentPlan:
    return next(p for p in FIXED if p.key == key)


def _year_before(plan: DepartmentPlan, key: str, dropped: str) -> DepartmentPlan:
    """The same department's budget a year earlier, without one project the later year adds."""
    return replace(
        plan, key=key, fiscal_year=plan.fiscal_year - 1, projects=tuple(p for p in plan.projects if p.name != dropped)
    )


ZHANGWAN = _fixed("zhangwan_culture_tourism_2023_budget")
ZHANGWAN_EXECUTION = Execution(
    spent={
        "群众文化活动": Decimal("0.85"),
        "旅游宣传促销": Decimal("0.6"),
        "文物保护修缮": Decimal("0.7"),
        "图书馆免费开放": Decimal(0),  # dropped during the year
        "30217": Decimal("0.5"),  # 公务接待费: the 三公 under-spent
    },
    added=(ProjectPlan("文化惠民演出", "2070199", (("30227", 60000, 120000),), source=GOVERNMENT_FUND),),
)
ZHENJIANG = _fixed("zhenjiang_market_regulation_2022_budget")
ZHENJIANG_EXECUTION = Execution(
    spent={"食品安全抽检": Decimal("0.9"), "执法执勤用车更新": Decimal(0), "30217": Decimal("0.8")},
    added=(ProjectPlan("消费者权益保护", "2013899", (("30227", 50000, 100000),)),),
)

DOCUMENTS = (
    SeriesDocument(
        "zhangwan_culture_tourism_2022_budget",
        _year_before(ZHANGWAN, "zhangwan_culture_tourism_2022_budget", dropped="文物保护修缮"),
    ),
    SeriesDocument("zhangwan_culture_tourism_2023_final", ZHANGWAN, ZHANGWAN_EXECUTION),
    SeriesDocument(
        "zhenjiang_market_regulation_2021_budget",
        _year_before(ZHENJIANG, "zhenjiang_market_regulation_2021_budget", dropped="特种设备安全监察"),
    ),
    SeriesDocument("zhenjiang_market_regulation_2022_final", ZHENJIANG, ZHENJIANG_EXECUTION),
)


def published(document: SeriesDocument) -> PublishedBudget:
    """What the document publishes: a budget from its own draws, a 决算 from its budget's."""
    return build(document.plan, random.Random(document.plan.key), document.execution)


def documents() -> Iterator[SeriesDocument]:
    yield from DOCUMENTS
