-- Amounts read by OCR that nothing vouches for: the recogniser was unsure of the box
-- (ocr_confidence below the var ocr_low_confidence) and no identity that holds adds the cell
-- up. A cell in a passing check is confirmed by the sum however unsure the recogniser was; a
-- cell in a failing check is flagged by that check already (fct_identity_check_line); a
-- confident cell in no check is as trustworthy as OCR gets. What is left is where a reviewer
-- must look at the page.
with ocr_lines as (
    select budget_line_id, document_id, table_kind, code, line_label, measure, amount_yuan, source_page, ocr_confidence
    from {{ ref('fct_budget_line') }}
    where text_source = 'ocr' and ocr_confidence < {{ var('ocr_low_confidence') }}
),

confirmed as (
    select distinct cells.budget_line_id
    from {{ ref('fct_identity_check_line') }} as cells
    inner join {{ ref('fct_identity_check') }} as checks using (identity_check_id)
    where checks.passed and cells.budget_line_id in (select budget_line_id from ocr_lines)
)

select ocr_lines.*
from ocr_lines
where ocr_lines.budget_line_id not in (select budget_line_id from confirmed)
