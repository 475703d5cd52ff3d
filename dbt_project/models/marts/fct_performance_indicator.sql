-- One row per indicator of a 绩效目标表 in a current document (loaded, not superseded): the
-- 年度绩效指标 grid of the 部门整体支出绩效目标表 (project_name null) and of each 项目支出绩效目标表.
-- The tables' amounts (项目总预算, 项目当年预算 ...) are in fct_budget_line (table_kind
-- performance_targets). Incremental by document.
{{ incremental_by_document_config() }}
-- depends_on: {{ ref('int_documents__changed') }}
with documents as (
    select document_id, department_id, fiscal_year
    from {{ ref('int_documents__status') }}
    where status = 'loaded'
)

select
    {{ dbt.concat(["indicators.document_id", "'-'", "lpad(cast(indicators.line_no as varchar), 5, '0')"]) }}
        as performance_indicator_id,
    indicators.document_id,
    documents.department_id,
    documents.fiscal_year,
    indicators.project_name,
    indicators.level1 as indicator_level1,
    indicators.level2 as indicator_level2,
    indicators.level3 as indicator_name,
    indicators.target as target_value,
    indicators.source_page
from {{ ref('stg_raw__performance_indicators') }} as indicators
inner join documents using (document_id)
where true {{ changed_documents_only('indicators.document_id') }}
