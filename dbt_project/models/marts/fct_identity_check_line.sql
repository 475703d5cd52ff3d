-- One row per printed cell an identity check adds up, on its left side (the total) or its
-- right side (the parts): what a viewer boxes, in two colours, to show a check on the page.
-- Incremental by document with fct_identity_check (built before it): the checks of the
-- changed documents are inserted anew, and the cells of checks fct_identity_check no longer
-- holds are deleted first (it has no document_id column to delete by).
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='identity_check_id',
    on_schema_change='fail',
    pre_hook="{% if is_incremental() %}delete from {{ this }} where identity_check_id not in (select identity_check_id from {{ ref('fct_identity_check') }}){% endif %}"
) }}
-- depends_on: {{ ref('int_documents__changed') }}
with checks as (
    select identity_check_id, lhs_budget_line_ids, rhs_budget_line_ids
    from {{ ref('fct_identity_check') }}
    where true {{ changed_documents_only() }}
)

select identity_check_id, 'left' as side, unnest(lhs_budget_line_ids) as budget_line_id
from checks

union all

select identity_check_id, 'right' as side, unnest(rhs_budget_line_ids) as budget_line_id
from checks
