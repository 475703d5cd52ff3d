-- "三公"经费支出表, per column (预算数, and 决算数 / budgeted_ columns of final accounts):
--   three_public_total_sum: 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, the
--     vehicle term being its printed subtotal or, without one, 购置费 + 运行维护费;
--   three_public_vehicle_sum: 公务用车购置及运行维护费 = 购置费 + 运行维护费;
--   three_public_with_meetings_training_sum: 含会议费、培训费的合计 = 合计 + 会议费 + 培训费.
-- Blank cells are zeros; an identity is evaluated where its total is printed and the table
-- prints at least one of its parts somewhere (a table printing only 合计 has nothing to check).
with lines as (
    select * from {{ ref('int_budget_lines__current') }}
    where table_kind = 'three_public_expenses' and classification = 'three_public'
),

printed_keys as (
    select document_id, list(distinct line_key) as keys
    from lines
    group by document_id
),

cells as (
    select
        document_id,
        measure,
        min(unit) as unit,
        {%- for key in ['total', 'outbound_travel', 'vehicle_total', 'vehicle_purchase', 'vehicle_operation',
                        'official_reception', 'meetings', 'training', 'total_with_meetings_training'] %}
        coalesce(sum(amount_yuan) filter (where line_key = '{{ key }}'), 0) as {{ key }}_yuan,
        count(*) filter (where line_key = '{{ key }}') as n_{{ key }},
        {{ line_nos("line_key = '" ~ key ~ "'") }} as {{ key }}_line_nos,
        {%- endfor %}
        min(source_page) as source_page
    from lines
    group by all
)

select
    cells.document_id,
    'three_public_total_sum' as identity,
    'three_public_expenses' as table_kind,
    cast(null as varchar) as rhs_table_kind,
    '合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费 [' || measure || ']' as subject,
    measure,
    total_yuan as lhs_yuan,
    outbound_travel_yuan + official_reception_yuan
        + case when n_vehicle_total > 0 then vehicle_total_yuan else vehicle_purchase_yuan + vehicle_operation_yuan end
        as rhs_yuan,
    unit as lhs_unit,
    unit as rhs_unit,
    n_total as n_lhs_terms,
    n_outbound_travel + n_official_reception
        + case when n_vehicle_total > 0 then n_vehicle_total else n_vehicle_purchase + n_vehicle_operation end
        as n_terms,
    source_page,
    total_line_nos as lhs_line_nos,
    list_concat(outbound_travel_line_nos, official_reception_line_nos,
        case when n_vehicle_total > 0 then vehicle_total_line_nos
            else list_concat(vehicle_purchase_line_nos, vehicle_operation_line_nos) end) as rhs_line_nos
from cells
inner join printed_keys using (document_id)
where n_total > 0
    and list_has_any(keys, ['outbound_travel', 'vehicle_total', 'vehicle_purchase', 'vehicle_operation', 'official_reception'])

union all

select
    cells.document_id,
    'three_public_vehicle_sum',
    'three_public_expenses',
    null,
    '公务用车购置及运行维护费 = 购置费 + 运行维护费 [' || measure || ']',
    measure,
    vehicle_total_yuan,
    vehicle_purchase_yuan + vehicle_operation_yuan,
    unit as lhs_unit,
    unit as rhs_unit,
    n_vehicle_total,
    n_vehicle_purchase + n_vehicle_operation,
    source_page,
    vehicle_total_line_nos,
    list_concat(vehicle_purchase_line_nos, vehicle_operation_line_nos)
from cells
inner join printed_keys using (document_id)
where n_vehicle_total > 0 and list_has_any(keys, ['vehicle_purchase', 'vehicle_operation'])

union all

select
    cells.document_id,
    'three_public_with_meetings_training_sum',
    'three_public_expenses',
    null,
    '含会议费、培训费的合计 = 合计 + 会议费 + 培训费 [' || measure || ']',
    measure,
    total_with_meetings_training_yuan,
    total_yuan + meetings_yuan + training_yuan,
    unit as lhs_unit,
    unit as rhs_unit,
    n_total_with_meetings_training,
    n_total + n_meetings + n_training,
    source_page,
    total_with_meetings_training_line_nos,
    list_concat(total_line_nos, meetings_line_nos, training_line_nos)
from cells
where n_total_with_meetings_training > 0
