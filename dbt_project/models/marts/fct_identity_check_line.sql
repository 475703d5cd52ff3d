-- One row per printed cell an identity check adds up, on its left side (the total) or its
-- right side (the parts): what a viewer boxes, in two colours, to show a check on the page.
-- Rebuilt whole on every run, from fct_identity_check.
with checks as (
    select identity_check_id, lhs_budget_line_ids, rhs_budget_line_ids
    from {{ ref('fct_identity_check') }}
)

select identity_check_id, 'left' as side, unnest(lhs_budget_line_ids) as budget_line_id
from checks

union all

select identity_check_id, 'right' as side, unnest(rhs_budget_line_ids) as budget_line_id
from checks
