-- Every accounting identity evaluated per document, each computed in one int_identities__
-- model; Great Expectations only enforces the `passed` flag (see expectations/).
with checks as (
    select * from {{ ref('int_identities__revenue_expenditure_balance') }}
    union all by name
    select * from {{ ref('int_identities__expenditure_summary_row_sum') }}
),

loaded as (
    select document_id from {{ ref('stg_raw__documents') }} where status = 'loaded'
)

select
    substr(md5(concat_ws('|', checks.document_id, identity, subject)), 1, 16) as identity_check_id,
    checks.document_id,
    identity,
    table_kind,
    subject,
    cast(lhs_yuan as decimal(20, 2)) as lhs_yuan,
    cast(rhs_yuan as decimal(20, 2)) as rhs_yuan,
    cast(lhs_yuan - rhs_yuan as decimal(20, 2)) as diff_yuan,
    {{ rounding_tolerance('unit', 'n_terms') }} as tolerance_yuan,
    abs(lhs_yuan - rhs_yuan) <= {{ rounding_tolerance('unit', 'n_terms') }} as passed,
    source_page
from checks
inner join loaded using (document_id)
