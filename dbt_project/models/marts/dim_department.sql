-- One row per department, keyed as the documents key it (md5 of the printed name, without
-- whitespace). Two printings of one name (武汉市硚口区大数据中心 / 硚口区大数据中心) are two
-- departments here. Rebuilt whole on every run.
with documents as (
    select * from {{ ref('int_documents__status') }}
    where department_id is not null
)

select
    department_id,
    -- The name as printed in the latest file (one name per id by construction).
    arg_max(department_name, extracted_at) as department_name,
    count(*) as n_documents,
    count(*) filter (where status = 'loaded') as n_loaded_documents,
    min(fiscal_year) filter (where status = 'loaded') as first_fiscal_year,
    max(fiscal_year) filter (where status = 'loaded') as last_fiscal_year,
    count(distinct fiscal_year) filter (where status = 'loaded') as n_fiscal_years
from documents
group by department_id
