-- One row per measure (table column): the contract's eight, the other columns the
-- extractor names (seed ref_measure), and any measure met in the lines.
-- Rebuilt whole on every run.
with reference as (
    select * from {{ ref('ref_measure') }}
),

observed as (
    select measure, count(*) as n_lines, string_agg(distinct table_kind, ',' order by table_kind) as table_kinds
    from {{ ref('int_budget_lines__current') }}
    group by measure
),

measures as (
    select measure from reference
    union
    select measure from observed
)

select
    measures.measure,
    reference.column_label,
    reference.description_en,
    coalesce(reference.in_contract, false) as in_contract,
    reference.measure is not null as is_reference,
    coalesce(observed.n_lines, 0) as n_lines,
    observed.table_kinds
from measures
left join reference using (measure)
left join observed using (measure)
