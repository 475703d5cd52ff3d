-- Every name a function or economic code goes by: the curated names (official names,
-- former names, variants, 收支总表 labels such as 十三.资源勘探电力信息等事务 -> 215;
-- is_reference) and every name printed in a current document (observed), one row per
-- (classification, code, name). alias_key is the folded form labels are matched on; a key
-- naming several codes of one classification and level is flagged ambiguous and never used
-- to resolve a code. Rebuilt whole on every run.
with reference as (
    select
        classification, code, alias,
        min(alias_key) as alias_key,
        -- One kind per name: the most official one.
        min(alias_kind) filter (where alias_kind = 'official_name') as official,
        min(alias_kind) as any_kind,
        min(first_year) as first_year,
        max(last_year) as last_year,
        string_agg(distinct source, '; ' order by source) as source
    from {{ ref('int_class_alias__reference') }}
    group by classification, code, alias
),

observed as (
    select classification, code, printed_name as alias, name_key as alias_key,
        n_documents, first_fiscal_year, last_fiscal_year
    from {{ ref('int_class_names__printed') }}
),

aliases as (
    select
        coalesce(reference.classification, observed.classification) as classification,
        coalesce(reference.code, observed.code) as code,
        coalesce(reference.alias, observed.alias) as alias,
        coalesce(reference.alias_key, observed.alias_key) as alias_key,
        coalesce(reference.official, reference.any_kind, 'printed') as alias_kind,
        reference.code is not null as is_reference,
        observed.code is not null as is_observed,
        coalesce(observed.n_documents, 0) as n_documents,
        observed.first_fiscal_year,
        observed.last_fiscal_year,
        reference.first_year as reference_first_year,
        reference.last_year as reference_last_year,
        reference.source
    from reference
    full outer join observed
        on reference.classification = observed.classification
        and reference.code = observed.code
        and reference.alias = observed.alias
)

select
    substr(md5(concat_ws('|', classification, code, alias)), 1, 16) as class_alias_id,
    *,
    count(distinct code) over (partition by classification, length(code), alias_key) > 1 as is_ambiguous_key
from aliases
