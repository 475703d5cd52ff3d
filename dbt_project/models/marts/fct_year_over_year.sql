-- This year against the year before: per department, kind (预算 / 决算), scope, table, line
-- and measure, the amount of this year's disclosure beside the previous year's disclosure of
-- the same department, kind and scope. Only tables and columns printed in both years are
-- compared; within them a line printed in one year only is kept with the other year null.
--
-- Lines are matched by code, or, for lines without a code, by line_key. A code printed in one
-- year only is matched to a code printed in the other year only when a name ties them: a
-- printed label, or a curated name of dim_class_alias (a former name, a variant), shared by
-- exactly one such line on each side, of the same classification and level (a 项 renumbered
-- between the years keeps its history; match_method says how each line was matched).
-- Rebuilt whole on every run.
with lines as (
    select * from {{ ref('int_lines__by_disclosure') }}
    where not starts_with(measure, 'budgeted_')
),

disclosures as (
    select distinct disclosure_id, department_id, fiscal_year, document_kind, document_scope from lines
),

pairs as (
    select
        current_year.disclosure_id as current_disclosure_id,
        previous_year.disclosure_id as previous_disclosure_id
    from disclosures as current_year
    inner join disclosures as previous_year
        on previous_year.department_id = current_year.department_id
        and previous_year.document_kind = current_year.document_kind
        and previous_year.document_scope is not distinct from current_year.document_scope
        and previous_year.fiscal_year = current_year.fiscal_year - 1
),

columns_printed as (
    select distinct disclosure_id, table_kind, measure from lines
),

shared_columns as (
    select pairs.*, current_columns.table_kind, current_columns.measure
    from pairs
    inner join columns_printed as current_columns on current_columns.disclosure_id = pairs.current_disclosure_id
    inner join columns_printed as previous_columns
        on previous_columns.disclosure_id = pairs.previous_disclosure_id
        and previous_columns.table_kind = current_columns.table_kind
        and previous_columns.measure = current_columns.measure
),

current_side as (
    select shared_columns.current_disclosure_id, shared_columns.previous_disclosure_id, lines.*
    from shared_columns
    inner join lines
        on lines.disclosure_id = shared_columns.current_disclosure_id
        and lines.table_kind = shared_columns.table_kind
        and lines.measure = shared_columns.measure
),

previous_side as (
    select shared_columns.current_disclosure_id, shared_columns.previous_disclosure_id, lines.*
    from shared_columns
    inner join lines
        on lines.disclosure_id = shared_columns.previous_disclosure_id
        and lines.table_kind = shared_columns.table_kind
        and lines.measure = shared_columns.measure
),

by_code as (
    select
        coalesce(cur.current_disclosure_id, prev.current_disclosure_id) as current_disclosure_id,
        coalesce(cur.previous_disclosure_id, prev.previous_disclosure_id) as previous_disclosure_id,
        coalesce(cur.table_kind, prev.table_kind) as table_kind,
        coalesce(cur.classification, prev.classification) as classification,
        coalesce(cur.measure, prev.measure) as measure,
        coalesce(cur.line_key, prev.line_key) as line_key,
        cur.code as current_code,
        prev.code as previous_code,
        cur.line_label as current_label,
        prev.line_label as previous_label,
        coalesce(cur.is_subtotal, prev.is_subtotal) as is_subtotal,
        cur.amount_yuan as current_yuan,
        prev.amount_yuan as previous_yuan
    from current_side as cur
    full outer join previous_side as prev
        on prev.current_disclosure_id = cur.current_disclosure_id
        and prev.table_kind = cur.table_kind
        and prev.classification = cur.classification
        and prev.measure = cur.measure
        and prev.code is not distinct from cur.code
        and prev.line_key is not distinct from cur.line_key
),

-- The names a code goes by: its printed label and its curated names.
curated_names as (
    select classification, code, alias_key as name_key
    from {{ ref('dim_class_alias') }}
    where is_reference
),

unmatched as (
    select
        current_disclosure_id, table_kind, classification, measure,
        case when previous_code is null then 'current' else 'previous' end as side,
        coalesce(current_code, previous_code) as code,
        coalesce(current_label, previous_label) as label
    from by_code
    where (current_code is null) <> (previous_code is null)
        and classification in ('function', 'economic')
),

unmatched_names as (
    select current_disclosure_id, table_kind, classification, measure, side, code,
        {{ label_key('label') }} as name_key
    from unmatched
    union
    select unmatched.current_disclosure_id, unmatched.table_kind, unmatched.classification, unmatched.measure,
        unmatched.side, unmatched.code, curated_names.name_key
    from unmatched
    inner join curated_names
        on curated_names.classification = unmatched.classification
        and curated_names.code = unmatched.code
),

candidates as (
    select distinct
        cur.current_disclosure_id, cur.table_kind, cur.classification, cur.measure,
        cur.code as current_code, prev.code as previous_code
    from unmatched_names as cur
    inner join unmatched_names as prev
        on prev.current_disclosure_id = cur.current_disclosure_id
        and prev.table_kind = cur.table_kind
        and prev.classification = cur.classification
        and prev.measure = cur.measure
        and prev.name_key = cur.name_key
        and length(prev.code) = length(cur.code)
    where cur.side = 'current' and prev.side = 'previous'
),

renumbered as (
    -- Only one-to-one ties: a name shared by several lines of either year matches nothing.
    select * from candidates
    qualify count(*) over (partition by current_disclosure_id, table_kind, classification, measure, current_code) = 1
        and count(*) over (partition by current_disclosure_id, table_kind, classification, measure, previous_code) = 1
),

matched as (
    select
        by_code.current_disclosure_id, by_code.previous_disclosure_id, by_code.table_kind,
        by_code.classification, by_code.measure, by_code.line_key,
        by_code.current_code, by_code.previous_code, by_code.current_label, by_code.previous_label,
        by_code.is_subtotal, by_code.current_yuan, by_code.previous_yuan,
        case when by_code.current_yuan is not null and by_code.previous_yuan is not null then 'code' end
            as match_method
    from by_code
    where not exists (
        select 1 from renumbered
        where renumbered.current_disclosure_id = by_code.current_disclosure_id
            and renumbered.table_kind = by_code.table_kind
            and renumbered.classification = by_code.classification
            and renumbered.measure = by_code.measure
            and (renumbered.current_code = by_code.current_code or renumbered.previous_code = by_code.previous_code)
    )
    union all
    select
        cur.current_disclosure_id, cur.previous_disclosure_id, cur.table_kind,
        cur.classification, cur.measure, cur.line_key,
        cur.current_code, prev.previous_code, cur.current_label, prev.previous_label,
        cur.is_subtotal, cur.current_yuan, prev.previous_yuan,
        'alias' as match_method
    from renumbered
    inner join by_code as cur
        on cur.current_disclosure_id = renumbered.current_disclosure_id
        and cur.table_kind = renumbered.table_kind
        and cur.classification = renumbered.classification
        and cur.measure = renumbered.measure
        and cur.current_code = renumbered.current_code
    inner join by_code as prev
        on prev.current_disclosure_id = renumbered.current_disclosure_id
        and prev.table_kind = renumbered.table_kind
        and prev.classification = renumbered.classification
        and prev.measure = renumbered.measure
        and prev.previous_code = renumbered.previous_code
)

select
    substr(md5(concat_ws('|', matched.current_disclosure_id, matched.table_kind, matched.classification,
                         coalesce(matched.current_code, matched.previous_code, ''), coalesce(matched.line_key, ''),
                         matched.measure)), 1, 16) as year_over_year_id,
    disclosures.department_id,
    disclosures.fiscal_year,
    disclosures.fiscal_year - 1 as previous_fiscal_year,
    disclosures.document_kind,
    disclosures.document_scope,
    matched.current_disclosure_id,
    matched.previous_disclosure_id,
    matched.table_kind,
    matched.classification,
    coalesce(matched.current_code, matched.previous_code) as code,
    matched.previous_code,
    matched.line_key,
    coalesce(matched.current_label, matched.previous_label) as line_label,
    matched.previous_label,
    matched.measure,
    matched.is_subtotal,
    case
        when matched.current_yuan is not null and matched.previous_yuan is not null then 'both'
        when matched.current_yuan is not null then 'current_only'
        else 'previous_only'
    end as line_presence,
    matched.match_method,
    cast(matched.current_yuan as decimal(20, 2)) as amount_yuan,
    cast(matched.previous_yuan as decimal(20, 2)) as previous_amount_yuan,
    cast(matched.current_yuan - matched.previous_yuan as decimal(20, 2)) as change_yuan,
    cast((matched.current_yuan - matched.previous_yuan) / nullif(matched.previous_yuan, 0) as decimal(18, 6))
        as change_ratio
from matched
inner join disclosures on disclosures.disclosure_id = matched.current_disclosure_id
