-- Every curated name of a classification code: the official names of the two reference
-- seeds and the former names, variants and 收支总表 labels of ref_class_alias, with the
-- folded key that printed labels are matched on.
with names as (
    select 'function' as classification, function_code as code, function_name as alias,
        'official_name' as alias_kind, first_year, last_year, source
    from {{ ref('ref_function_class') }}
    union all
    select 'economic', economic_code, economic_name, 'official_name', first_year, last_year, source
    from {{ ref('ref_economic_class') }}
    union all
    select classification, code, alias, alias_kind, first_year, last_year, source
    from {{ ref('ref_class_alias') }}
)

select
    classification,
    code,
    alias,
    {{ label_key('alias') }} as alias_key,
    alias_kind,
    first_year,
    last_year,
    source
from names
