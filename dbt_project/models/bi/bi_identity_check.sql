-- 数据质量: every accounting identity evaluated on a current document, with both sides, the
-- difference, the tolerance, the outcome in words and the rule in Chinese (dim_identity).
select
    checks.identity_check_id,
    checks.document_id,
    documents.source_file,
    checks.department_id,
    departments.department_name,
    checks.fiscal_year,
    documents.document_kind,
    {{ bi_label('document_kind', 'documents.document_kind') }} as document_kind_label,
    checks.identity,
    identities.description_zh as identity_description,
    checks.table_kind,
    checks.subject,
    checks.measure,
    checks.lhs_yuan,
    checks.rhs_yuan,
    checks.diff_yuan,
    checks.tolerance_yuan,
    checks.passed,
    checks.outcome,
    {{ bi_label('check_outcome', 'checks.outcome') }} as outcome_label,
    checks.source_page,
    -- HTML, which Superset's table renders: the identity's cells boxed on their page.
    '<a href="{{ var('evidence_url') }}/identity/' || checks.identity_check_id || '" target="_blank">查看原文</a>' as evidence_link
from {{ ref('fct_identity_check') }} as checks
inner join {{ ref('dim_document') }} as documents using (document_id)
left join {{ ref('dim_department') }} as departments on departments.department_id = checks.department_id
left join {{ ref('dim_identity') }} as identities using (identity)
