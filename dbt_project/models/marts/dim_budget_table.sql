-- One row per standard table kind (the contract's vocabulary, seed ref_budget_table, plus
-- any kind met in the raw tables), with the columns (measures) its lines use.
-- Rebuilt whole on every run.
with reference as (
    select * from {{ ref('ref_budget_table') }}
),

loaded_tables as (
    select tables.*
    from {{ ref('stg_raw__tables_found') }} as tables
    inner join {{ ref('int_documents__status') }} as documents
        on documents.document_id = tables.document_id and documents.status = 'loaded'
),

-- The most common title, ties to the first in text order: mode() would pick whichever the
-- scan met first, and an incremental build stores rows in another order than a full one.
title_counts as (
    select table_kind, title, count(*) as n_tables
    from loaded_tables
    group by table_kind, title
),

most_common_titles as (
    select table_kind, first(title order by n_tables desc, title asc) as most_common_title
    from title_counts
    group by table_kind
),

observed_tables as (
    select
        loaded_tables.table_kind,
        count(distinct loaded_tables.document_id) as n_documents,
        count(distinct loaded_tables.document_id) filter (where loaded_tables.is_stated_empty) as n_stated_empty,
        any_value(most_common_titles.most_common_title) as most_common_title
    from loaded_tables
    inner join most_common_titles using (table_kind)
    group by loaded_tables.table_kind
),

observed_measures as (
    select table_kind, string_agg(distinct measure, ',' order by measure) as measures
    from {{ ref('int_budget_lines__current') }}
    group by table_kind
),

kinds as (
    select table_kind from reference
    union
    select table_kind from observed_tables
    union
    select table_kind from observed_measures
)

select
    kinds.table_kind,
    reference.typical_number,
    reference.title_budget,
    reference.title_final_account,
    reference.row_classification,
    reference.description_en,
    reference.table_kind is not null as is_reference,
    observed_measures.measures,
    coalesce(observed_tables.n_documents, 0) as n_documents,
    coalesce(observed_tables.n_stated_empty, 0) as n_stated_empty,
    observed_tables.most_common_title
from kinds
left join reference using (table_kind)
left join observed_tables using (table_kind)
left join observed_measures using (table_kind)
