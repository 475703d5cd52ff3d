-- One row per department, keyed by its resolved name (int_documents__department): the cover's
-- 武汉市硚口区大数据中心 and a heading's 硚口区大数据中心 are one department. Rebuilt whole on
-- every run.
with documents as (
    select * from {{ ref('int_documents__status') }}
    where department_id is not null
),

printed_names as (
    select
        documents.department_id,
        names.department_name,
        names.department_key = departments.department_key as is_resolved_name,
        documents.extracted_at
    from documents
    inner join {{ ref('int_documents__department') }} as departments using (document_id)
    inner join {{ ref('stg_raw__department_names') }} as names using (document_id)
),

names as (
    select
        department_id,
        -- The printing of the resolved name itself, as the latest file printing it has it.
        arg_max(department_name, extracted_at) filter (where is_resolved_name) as resolved_name,
        arg_max(department_name, extracted_at) as latest_name,
        list_sort(list(distinct department_name)) as printed_names
    from printed_names
    group by department_id
)

select
    documents.department_id,
    coalesce(any_value(names.resolved_name), any_value(names.latest_name)) as department_name,
    any_value(names.printed_names) as department_names,
    count(*) as n_documents,
    count(*) filter (where documents.status = 'loaded') as n_loaded_documents,
    min(documents.fiscal_year) filter (where documents.status = 'loaded') as first_fiscal_year,
    max(documents.fiscal_year) filter (where documents.status = 'loaded') as last_fiscal_year,
    count(distinct documents.fiscal_year) filter (where documents.status = 'loaded') as n_fiscal_years
from documents
left join names using (department_id)
group by documents.department_id
