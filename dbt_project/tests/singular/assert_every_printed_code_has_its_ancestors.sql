{{ config(meta={"dagster": {"ref": {"name": "dim_function_class"}}}) }}
-- Every function code of a current line is in dim_function_class with its 款 and 类, and
-- every economic code with its 类 (domain.md §3.5: a 7-digit 项 implies its ancestors).
with codes as (
    select distinct classification, code from {{ ref('fct_budget_line') }}
    where code is not null and classification in ('function', 'economic')
),

required as (
    select classification, code as required_code from codes
    union
    select classification, left(code, 5) from codes where classification = 'function' and length(code) = 7
    union
    select classification, left(code, 3) from codes where length(code) > 3
)

select required.*
from required
where (required.classification = 'function'
        and required.required_code not in (select function_code from {{ ref('dim_function_class') }}))
    or (required.classification = 'economic'
        and required.required_code not in (select economic_code from {{ ref('dim_economic_class') }}))
