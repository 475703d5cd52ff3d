-- 数据质量: every total the narrative (情况说明) restates, against the table cell it restates;
-- outcome failed (不一致) is a contradiction between a document's text and its tables.
with checks as (
    select
        *,
        case
            when passed is null then 'unchecked'
            when not passed then 'failed'
            when diff_yuan = 0 then 'exact'
            else 'rounding'
        end as outcome
    from {{ ref('fct_narrative_check') }}
)

select
    checks.narrative_check_id,
    checks.document_id,
    documents.source_file,
    checks.department_id,
    departments.department_name,
    checks.fiscal_year,
    documents.document_kind,
    {{ bi_label('document_kind', 'documents.document_kind') }} as document_kind_label,
    checks.total_key,
    checks.phrase,
    checks.narrative_yuan,
    checks.table_kind,
    checks.table_yuan,
    checks.diff_yuan,
    checks.tolerance_yuan,
    checks.passed,
    checks.outcome,
    {{ bi_label('check_outcome', 'checks.outcome') }} as outcome_label,
    checks.source_page
from checks
inner join {{ ref('dim_document') }} as documents using (document_id)
left join {{ ref('dim_department') }} as departments on departments.department_id = checks.department_id
