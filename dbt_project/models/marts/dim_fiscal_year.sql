-- One row per year from the earliest to the latest year of any document (gaps included,
-- so that a year-over-year join never skips one), with the classification editions in force.
-- Rebuilt whole on every run.
with documents as (
    select * from {{ ref('int_documents__status') }}
    where fiscal_year is not null
),

bounds as (
    select min(fiscal_year) as first_year, max(fiscal_year) as last_year from documents
),

years as (
    select cast(unnest(range(first_year, last_year + 1)) as integer) as fiscal_year
    from bounds
    where first_year is not null
),

counts as (
    select
        fiscal_year,
        count(*) filter (where status = 'loaded') as n_loaded_documents,
        count(distinct department_id) filter (where status = 'loaded') as n_departments
    from documents
    group by fiscal_year
)

select
    years.fiscal_year,
    years.fiscal_year - 1 as previous_fiscal_year,
    case
        when years.fiscal_year >= 2018 then '部门预算支出经济分类 (财预〔2017〕98号)'
        else '支出经济分类 2007–2017'
    end as economic_classification_edition,
    years.fiscal_year in (2020, 2021) as has_covid_bond_class,
    coalesce(counts.n_loaded_documents, 0) as n_loaded_documents,
    coalesce(counts.n_departments, 0) as n_departments
from years
left join counts using (fiscal_year)
