-- Every name a document prints for its department: the main one and its aliases (the cover
-- says 武汉市硚口区大数据中心, the headings 硚口区大数据中心). department_key is the form
-- names are matched on; it mirrors extract.facts.department_key.
with source as (
    select * from {{ source('raw', 'department_names') }}
),

cleaned as (
    select
        document_id,
        regexp_replace(department_name, '\s+', '', 'g') as department_name,
        is_primary
    from source
)

select distinct
    document_id,
    department_name,
    {{ department_key('department_name') }} as department_key,
    is_primary
from cleaned
where department_name <> ''
