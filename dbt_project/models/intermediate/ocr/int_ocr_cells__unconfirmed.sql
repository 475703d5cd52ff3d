-- Amounts read by OCR that nothing vouches for, for one of two reasons (doubt):
-- low_confidence: the recogniser was unsure of the box (ocr_confidence below the var
--   ocr_low_confidence) and no identity that holds adds the cell up. A cell in a passing check
--   is confirmed by the sum however unsure the recogniser was; a cell in a failing check is
--   flagged by that check already (fct_identity_check_line); a confident cell in no check is as
--   trustworthy as OCR gets.
-- extra_decimals: a 万元 cell read with more than the two decimals these tables print
--   (990.199 where 990.19 is printed). The extra digit is worth less than a 万元 cell's rounding
--   (50 元), so every identity adding it up still holds: only its form gives it away.
-- What is left is where a reviewer must look at the page.

-- A table, not a view: fct_review_finding and two tests read it, and a view scans every current
-- line again for each (2 s of a load's tests at 10,000 documents).
{{ config(materialized='table') }}
with ocr_lines as (
    select
        budget_line_id, document_id, table_kind, code, line_label, measure, amount_yuan, source_page,
        ocr_confidence, source_unit
    from {{ ref('fct_budget_line') }}
    where text_source = 'ocr'
),

confirmed as (
    select distinct cells.budget_line_id
    from {{ ref('fct_identity_check_line') }} as cells
    inner join {{ ref('fct_identity_check') }} as checks using (identity_check_id)
    where checks.passed and cells.budget_line_id in (select budget_line_id from ocr_lines)
),

doubted as (
    select
        *,
        case
            when source_unit = '万元' and amount_yuan % 100 <> 0 then 'extra_decimals'
            when
                ocr_confidence < {{ var('ocr_low_confidence') }}
                and budget_line_id not in (select budget_line_id from confirmed)
                then 'low_confidence'
        end as doubt
    from ocr_lines
)

select
    budget_line_id, document_id, table_kind, code, line_label, measure, amount_yuan, source_page,
    ocr_confidence, doubt
from doubted
where doubt is not null
