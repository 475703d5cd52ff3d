-- Every accounting identity evaluated per document, each computed in one int_identities__
-- model (the catalog of names, rules and tolerances is the seed identity_catalog, exposed
-- as dim_identity); Great Expectations only enforces the `passed` flag (see expectations/).
-- Incremental by document, like the lines it reads: every identity reads one document's lines.
{{ incremental_by_document_config() }}
-- depends_on: {{ ref('int_documents__changed') }}
{%- set identity_models = [
    'int_identities__revenue_expenditure_balance',
    'int_identities__summary_income',
    'int_identities__summary_expenditure',
    'int_identities__expenditure_summary_row_sum',
    'int_identities__general_public_expenditure_row_sum',
    'int_identities__government_fund_expenditure_row_sum',
    'int_identities__state_capital_expenditure_row_sum',
    'int_identities__general_public_basic_expenditure_row_sum',
    'int_identities__total_row_sum',
    'int_identities__function_class_sum',
    'int_identities__function_section_sum',
    'int_identities__economic_class_sum',
    'int_identities__three_public',
    'int_identities__summary_function_vs_expenditure_summary',
    'int_identities__expenditure_summary_total_vs_summary',
    'int_identities__basic_expenditure_total_vs_general_public',
    'int_identities__fiscal_grant_function_vs_fund_tables',
    'int_identities__revenue_summary_vs_summary',
    'int_identities__revenue_summary_row_sum',
    'int_identities__basic_expenditure_economic_split',
    'int_identities__fiscal_grant_summary_row_sum',
    'int_identities__revenue_summary_vs_fiscal_grant_income',
    'int_identities__revenue_summary_vs_expenditure_summary',
] %}

with checks as (
    {%- for model in identity_models %}
    select
        document_id, identity, table_kind, rhs_table_kind, subject, measure,
        lhs_yuan, rhs_yuan, lhs_unit, rhs_unit, n_lhs_terms, n_terms, source_page,
        lhs_line_nos, rhs_line_nos
    from {{ ref(model) }}
    where true {{ changed_documents_only() }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

documents as (
    select document_id, department_id, fiscal_year
    from {{ ref('int_documents__status') }}
    where status = 'loaded'
),

rounding as (
    select document_id, unit, rounding_yuan from {{ ref('int_documents__rounding') }}
),

evaluated as (
    select
        checks.*,
        documents.department_id,
        documents.fiscal_year,
        cast(lhs_yuan as decimal(20, 2)) - cast(rhs_yuan as decimal(20, 2)) as diff,
        {{ identity_tolerance('lhs_rounding.rounding_yuan', 'rhs_rounding.rounding_yuan', 'n_lhs_terms', 'n_terms') }}
            as tolerance
    from checks
    inner join documents using (document_id)
    left join rounding as lhs_rounding
        on lhs_rounding.document_id = checks.document_id and lhs_rounding.unit = checks.lhs_unit
    left join rounding as rhs_rounding
        on rhs_rounding.document_id = checks.document_id and rhs_rounding.unit = checks.rhs_unit
)

select
    substr(md5(concat_ws('|', document_id, identity, table_kind, subject)), 1, 16) as identity_check_id,
    document_id,
    department_id,
    fiscal_year,
    identity,
    table_kind,
    rhs_table_kind,
    subject,
    measure,
    cast(lhs_yuan as decimal(20, 2)) as lhs_yuan,
    cast(rhs_yuan as decimal(20, 2)) as rhs_yuan,
    cast(diff as decimal(20, 2)) as diff_yuan,
    tolerance as tolerance_yuan,
    cast(n_terms as integer) as n_terms,
    lhs_unit,
    rhs_unit,
    abs(diff) <= tolerance as passed,
    case
        when diff = 0 then 'exact'
        when abs(diff) <= tolerance then 'rounding'
        else 'failed'
    end as outcome,
    source_page,
    -- The printed cells of each side, for a viewer to box them (fct_identity_check_line has
    -- one row per cell).
    list_transform(lhs_line_nos, lambda n: {{ budget_line_id('document_id', 'n') }}) as lhs_budget_line_ids,
    list_transform(rhs_line_nos, lambda n: {{ budget_line_id('document_id', 'n') }}) as rhs_budget_line_ids
from evaluated
