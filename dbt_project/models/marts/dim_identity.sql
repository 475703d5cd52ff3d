-- One row per accounting identity: the seed identity_catalog (name, family, tables, rule in
-- Chinese and English, tolerance rule, model), with how often it was evaluated and failed.
-- Rebuilt whole on every run.
with checks as (
    select
        identity,
        count(*) as n_checks,
        count(distinct document_id) as n_documents,
        count(*) filter (where outcome = 'rounding') as n_rounding,
        count(*) filter (where not passed) as n_failed
    from {{ ref('fct_identity_check') }}
    group by identity
)

select
    catalog.identity,
    catalog.family,
    catalog.table_kinds,
    catalog.description_zh,
    catalog.description_en,
    catalog.tolerance_rule,
    catalog.model,
    coalesce(checks.n_checks, 0) as n_checks,
    coalesce(checks.n_documents, 0) as n_documents,
    coalesce(checks.n_rounding, 0) as n_rounding,
    coalesce(checks.n_failed, 0) as n_failed
from {{ ref('identity_catalog') }} as catalog
left join checks using (identity)
