-- One row per amount the narrative states for a function class (stg_raw__narrative_class_amounts)
-- in a current document, and per 决算 execution statement whose subject is a (类)(款)(项) chain
-- (stg_raw__narrative_executions: its 支出决算 restates the 一般公共预算财政拨款支出决算表's row),
-- with the class resolved to the document's own rows by its names
-- (macro resolve_function_subject) and the cell of that row in the table the text says it
-- restates: the 一般公共预算支出表 (general_public_expenditure); the 一般公共预算, 政府性基金 and
-- 国有资本经营 tables added up (fiscal_grant: 财政拨款 is the three funds); the 支出总表, or where it
-- prints no coded rows (Jiangsu) the 收支总表's function side (expenditure_summary). The cell is
-- looked for in every current file of the disclosure (Jiangsu publishes the narrative and the
-- tables apart), one per table, the narrative's own file first. A statement whose names resolve
-- to no single row, that names no table, or whose row no such table prints, keeps passed null.
with documents as (
    select document_id, disclosure_id
    from {{ ref('int_documents__status') }}
    where status = 'loaded'
),

executions as (
    select
        document_id,
        'narrative_executions' as source,
        execution_no as statement_no,
        concat(subject, ' ', phrase) as phrase,
        class_name,
        subclass_name,
        item_name,
        case when item_name is not null then 3 when subclass_name is not null then 2 else 1 end as level,
        final_yuan as amount_yuan,
        unit,
        amount_decimals,
        'general_public_expenditure' as restates,
        source_page
    from {{ ref('stg_raw__narrative_executions') }}
    where class_name is not null
),

statements as (
    select statements.*, documents.disclosure_id
    from (
        select
            document_id,
            'narrative_class_amounts' as source,
            statement_no,
            phrase,
            class_name,
            subclass_name,
            item_name,
            level,
            amount_yuan,
            unit,
            amount_decimals,
            restates,
            source_page
        from {{ ref('stg_raw__narrative_class_amounts') }}
        union all
        select * from executions
    ) as statements
    inner join documents using (document_id)
),

resolved as (
    {{ resolve_function_subject('statements', ['document_id', 'source', 'statement_no']) }}
),

scope_tables (restates, table_kind, priority) as (
    values
        ('general_public_expenditure', 'general_public_expenditure', 1),
        ('fiscal_grant', 'general_public_expenditure', 1),
        ('fiscal_grant', 'government_fund_expenditure', 1),
        ('fiscal_grant', 'state_capital_expenditure', 1),
        ('expenditure_summary', 'expenditure_summary', 1),
        ('expenditure_summary', 'revenue_expenditure_summary', 2)
),

cells as (
    -- One cell per table: a narrative file may reprint a table of its tables file.
    select
        statements.document_id,
        statements.source,
        statements.statement_no,
        scope_tables.priority,
        lines.table_kind,
        lines.amount_yuan,
        lines.source_page,
        rounding.rounding_yuan
    from statements
    inner join resolved using (document_id, source, statement_no)
    inner join scope_tables on scope_tables.restates = statements.restates
    inner join {{ ref('int_budget_lines__current') }} as lines
        on lines.disclosure_id = statements.disclosure_id
        and lines.table_kind = scope_tables.table_kind
        and lines.classification = 'function'
        and lines.code = resolved.code
        and lines.is_total_column
    left join {{ ref('int_documents__rounding') }} as rounding
        on rounding.document_id = lines.document_id and rounding.unit = lines.unit
    qualify row_number() over (
        partition by statements.document_id, statements.source, statements.statement_no, lines.table_kind
        order by lines.document_id = statements.document_id desc, lines.source_page asc, lines.line_no asc
    ) = 1
),

first_cells as (
    select * from cells
    qualify priority = min(priority) over (partition by document_id, source, statement_no)
),

restated as (
    -- The tables of the first priority that prints the row, added up.
    select
        document_id,
        source,
        statement_no,
        string_agg(table_kind, ' + ' order by table_kind) as table_kind,
        sum(amount_yuan) as table_yuan,
        min(source_page) as table_page,
        sum(rounding_yuan) as table_rounding_yuan
    from first_cells
    group by document_id, source, statement_no
),

checked as (
    select
        statements.*,
        resolved.code,
        restated.table_kind,
        restated.table_yuan,
        restated.table_page,
        -- A unit of the amount's last printed digit (100 元 for 2106.66万元: half for its
        -- rounding, half more for a writer who truncates, 78.21万元 for 782,164 元), and the
        -- cells' rounding.
        {{ last_digit_yuan('statements.unit', 'statements.amount_decimals') }}
        + coalesce(restated.table_rounding_yuan, 0) as tolerance_yuan
    from statements
    left join resolved using (document_id, source, statement_no)
    left join restated using (document_id, source, statement_no)
)

select
    document_id,
    source,
    statement_no,
    phrase,
    level,
    restates,
    cast(amount_yuan as decimal(20, 2)) as narrative_yuan,
    source_page,
    code,
    table_kind,
    cast(table_yuan as decimal(20, 2)) as table_yuan,
    table_page,
    cast(tolerance_yuan as decimal(20, 3)) as tolerance_yuan,
    case when table_yuan is not null then abs(amount_yuan - table_yuan) <= tolerance_yuan end as passed
from checked
