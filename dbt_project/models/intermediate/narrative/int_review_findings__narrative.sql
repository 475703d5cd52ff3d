-- The findings of the review rules on what a document's narrative says (family narrative of the
-- seed review_rule_catalog), one row per finding; fct_review_finding reports them beside those of
-- the rules on the tables, adding the document and the rule's severity. None names a cell. A
-- view: read once, by fct_review_finding, which keeps the current loaded documents' rows.
--
-- narrative_zero_total: the narrative restates a total as 0 (收入支出总计0万元, an unfilled
--   template) where its table cell is not 0 (fct_narrative_check); one finding per phrase; 三公
--   items aside.
-- narrative_share_mismatch: a share the narrative states (占x%) that its amount is not of the
--   total it is a share of (stg_raw__narrative_shares), beyond one and a half units of its last
--   printed digit (half for its rounding, one for the unit a writer moves so that a list adds up
--   to 100%) and the rounding of both amounts (0.005 万元 each). One finding per share.
-- narrative_share_over_100: a share the narrative states above 100% (…万元，占120%), whether or
--   not the text says its whole: no part is more than its whole. Such a share is not also a
--   narrative_share_mismatch: one fault, one finding. One finding per share.
-- narrative_change_mismatch: a change from last year the narrative states (比上年增加Y万元，增长Z%;
--   …预算执行数为P万元，2026年预算安排X万元，比…增加Z%; 持平) whose words and figures disagree
--   (stg_raw__narrative_changes): a rate that is not the change of last year's amount (X - Y for
--   an increase, X + Y for a decrease, or P) beyond one unit of its last printed digit (half for
--   its rounding, half more for a writer who truncates: 2.31% for 2.3153%) and the rounding of
--   the amounts (half their last printed digit each); a direction a printed last year's amount
--   contradicts, or 持平 where it differs; an increase larger than the amount it led to (last
--   year's below 0); a rate's word against the change's (增加…，下降…%); a figure printed with a
--   minus beside its word. A rate of a change from 0 is not checked. One finding per statement.
-- narrative_year_mismatch: a year the narrative gives its figures that is not the document's
--   (stg_raw__narrative_years): a comparison with a year other than the year before (a 2026
--   budget's 比2026年预算增加…), or a figure of a year other than its own or the year before (a
--   2026 budget may state 2025年预算执行数, not 2027年预算). One finding per page, with the page's
--   first and how many.
-- narrative_execution_mismatch: a 决算's execution statement (年初预算为P万元，支出决算为X万元，完成
--   年初预算的Y%。决算数小于预算数…) whose words and figures disagree (stg_raw__narrative_executions),
--   the first of: a word X against P contradicts beyond the rounding of both (half their last
--   printed digit each): 大于 where X is below P, 小于 where above, 持平 where they differ, 基本持平
--   where they differ by more than 1% of P (the real 决算 print it only where the two are equal,
--   and 小于 for 0.53% less: "roughly" is taken to be within a point); a rate Y that is not
--   100 X / P beyond one unit of its last printed digit and the amounts' rounding (as for a
--   change's rate); a word the rate contradicts (大于 at most 100% less its unit, 小于 at least
--   100% and its unit, 持平 beyond its unit of 100%, 基本持平 beyond a point more). A rate of a P
--   of 0, and a statement without P, are not checked. One finding per statement.
-- narrative_class_mismatch: an amount the narrative states for a function class (一般公共服务支出(类)
--   2106.66万元; a 款 or 项 by its (类)(款)(项) chain; a 决算 execution statement's 支出决算 by its
--   subject's chain) that differs from the row of that class in the table it restates
--   (int_narrative_class_amounts__checked) beyond a unit of the amount's last printed digit (its
--   rounding, or a writer's truncation) and the cells' rounding. A statement whose names resolve
--   to no single row of the document's tables is not checked. One finding per statement and page.
-- narrative_previous_year_mismatch: last year's amount of a total the narrative restates, as its
--   change from last year gives it (收支总预算2120.19万元，比上年增加115.79万元: 2004.40万元; or as
--   printed), that is not what last year's disclosure of the same department, kind and scope,
--   loaded in the warehouse, restates for that total (its fct_narrative_check phrase), beyond the
--   rounding of the amounts (half their last printed digit each). A change is tied to the total it
--   follows by amount and page (stg_raw__narrative_totals); where several totals print that
--   amount (收入 and 支出总预算), one agreeing is enough. A comparison with another year than the
--   year before (比2026年 in a 2026 budget) is narrative_year_mismatch's. One finding per statement.
-- narrative_placeholder: template text left unfilled outside the tables (上海市XX局, 增加××万元,
--   stg_raw__placeholders). One finding per page, with the page's first and how many.
with zero_totals as (
    select
        document_id,
        'narrative_zero_total' as rule,
        min(table_kind) as table_kind,
        source_page as page,
        phrase as evidence,
        string_agg(distinct concat(table_yuan, ' 元 (', table_kind, ' p. ', table_page, ')'), '; ') as expected,
        '0' as printed
    from {{ ref('fct_narrative_check') }}
    -- A 三公 item of 0 is an ordinary figure (no car bought), and not what a template leaves unfilled.
    where narrative_yuan = 0 and table_yuan <> 0 and table_kind <> 'three_public_expenses'
    group by document_id, source_page, phrase
),

shares as (
    select
        *,
        {{ percent_unit('percent_decimals') }} as percent_unit,
        -- Half the last printed digit of an amount, in 元: 0.005 万元 or 0.005 元.
        case when contains(phrase, '万元') then 50 else 0.005 end as amount_rounding,
        case when ends_with(base_phrase, '万元') then 50 else 0.005 end as base_rounding
    from {{ ref('stg_raw__narrative_shares') }}
    where base_yuan > 0 and percent <= 100
),

share_mismatches as (
    select
        document_id,
        'narrative_share_mismatch' as rule,
        null as table_kind,
        source_page as page,
        phrase as evidence,
        -- Shown rounded as printed (a division of decimals is a double in DuckDB: for the words
        -- only; the test below multiplies, exactly).
        concat(format('{:.{}f}', 100 * amount_yuan / base_yuan, percent_decimals), '% of ', base_phrase) as expected,
        regexp_extract(phrase, '[0-9.]+%$') as printed
    from shares
    -- |percent - 100 amount / base| <= 1.5 units + 100 (amount rounding / base + amount x base
    -- rounding / base²), times base; amount <= base bounds the last term by the base rounding.
    where abs(percent * base_yuan - 100 * amount_yuan)
        > 1.5 * percent_unit * base_yuan + 100 * (amount_rounding + base_rounding)
),

shares_over_100 as (
    select
        document_id,
        'narrative_share_over_100' as rule,
        null as table_kind,
        source_page as page,
        phrase as evidence,
        'at most 100%' as expected,
        regexp_extract(phrase, '[0-9.]+%$') as printed
    from {{ ref('stg_raw__narrative_shares') }}
    where percent > 100
),

changes as (
    select
        *,
        case direction when 'increase' then 1 when 'decrease' then -1 else 0 end as sign,
        -- Half the last printed digit of its least precise amount, in 元 (28.1万元: 500 元).
        0.5 * {{ last_digit_yuan('unit', 'amount_decimals') }} as rounding,
        {{ percent_unit('percent_decimals') }} as percent_unit
    from {{ ref('stg_raw__narrative_changes') }}
    -- A statement printed twice on one page is one finding.
    qualify row_number() over (partition by document_id, source_page, phrase order by change_no) = 1
),

change_figures as (
    -- Last year's amount and the change, each printed or one worked out from the other, so
    -- with twice the rounding.
    select
        *,
        coalesce(previous_yuan, amount_yuan - sign * change_yuan) as last_year_yuan,
        coalesce(sign * (amount_yuan - previous_yuan), change_yuan) as delta_yuan,
        case when previous_yuan is null then 2 * rounding else rounding end as last_year_rounding,
        case when previous_yuan is null then rounding else 2 * rounding end as delta_rounding
    from changes
),

change_faults as (
    select
        *,
        case
            when change_yuan < 0 or percent < 0 then 'signed'
            when direction != 'flat' and rate_direction != direction then 'rate_word'
            when direction = 'flat' and abs(amount_yuan - previous_yuan) > 2 * rounding then 'not_flat'
            when previous_yuan is not null and delta_yuan < -delta_rounding then 'direction'
            when direction = 'increase' and last_year_yuan < -last_year_rounding then 'below_zero'
            -- |Z P - 100 C| <= u (P + its rounding) + |Z| x P's rounding + 100 x C's rounding, for
            -- a printed rate Z within a unit u of 100 C / P; a change from 0 has no rate.
            when
                direction != 'flat' and last_year_yuan > last_year_rounding
                and abs(percent * last_year_yuan - 100 * delta_yuan)
                > percent_unit * (last_year_yuan + last_year_rounding) + abs(percent) * last_year_rounding
                + 100 * delta_rounding
                then 'rate'
        end as fault
    from change_figures
),

change_mismatches as (
    select
        document_id,
        'narrative_change_mismatch' as rule,
        null as table_kind,
        source_page as page,
        phrase as evidence,
        case fault
            when 'signed' then 'no sign: its word says the direction'
            when 'rate_word' then concat('a rate of ', direction)
            when 'not_flat' then concat('last year''s ', previous_yuan, ' 元 (持平)')
            when 'direction' then concat(if(amount_yuan > previous_yuan, 'an increase', 'a decrease'), ' from ', previous_yuan, ' 元')
            when 'below_zero' then concat('an increase of at most ', amount_yuan, ' 元 (last year not below 0)')
            -- Shown rounded as printed (a division of decimals is a double: for the words only).
            else concat(format('{:.{}f}', 100 * delta_yuan / last_year_yuan, percent_decimals), '% of last year''s ', last_year_yuan, ' 元')
        end as expected,
        case fault
            when 'signed' then regexp_extract(phrase, '-[0-9.,]+(?:万元|元|%)')
            when 'rate_word' then concat('a rate of ', rate_direction)
            when 'not_flat' then concat(amount_yuan, ' 元')
            when 'direction' then concat(direction, ' to ', amount_yuan, ' 元')
            when 'below_zero' then concat(change_yuan, ' 元')
            else regexp_extract(phrase, '-?[0-9.]+%$')
        end as printed
    from change_faults
    where fault is not null
),

previous_year_totals as (
    -- Each total the previous year's disclosure restates, beside the documents of this year's.
    select
        this_year.document_id,
        totals.total_key,
        totals.amount_yuan,
        {{ narrative_rounding_yuan('totals.phrase', 'totals.unit') }} as rounding,
        concat(totals.amount_yuan, ' 元 (', last_year.source_file, ' p. ', totals.source_page, ')') as restated
    from {{ ref('int_documents__status') }} as this_year
    inner join {{ ref('int_documents__status') }} as last_year
        on
            last_year.department_id = this_year.department_id
            and last_year.document_kind = this_year.document_kind
            and last_year.document_scope is not distinct from this_year.document_scope
            and last_year.fiscal_year = this_year.fiscal_year - 1
    inner join {{ ref('stg_raw__narrative_totals') }} as totals on totals.document_id = last_year.document_id
    where this_year.status = 'loaded' and last_year.status = 'loaded'
),

previous_year_mismatches as (
    select
        change_figures.document_id,
        'narrative_previous_year_mismatch' as rule,
        null as table_kind,
        change_figures.source_page as page,
        change_figures.phrase as evidence,
        arg_min(
            previous_year_totals.restated, abs(previous_year_totals.amount_yuan - change_figures.last_year_yuan)
        ) as expected,
        concat(change_figures.last_year_yuan, ' 元') as printed
    from change_figures
    inner join {{ ref('int_documents__status') }} as documents using (document_id)
    inner join {{ ref('stg_raw__narrative_totals') }} as totals
        on
            totals.document_id = change_figures.document_id
            and totals.source_page = change_figures.source_page
            and totals.amount_yuan = change_figures.amount_yuan
    inner join previous_year_totals
        on
            previous_year_totals.document_id = change_figures.document_id
            and previous_year_totals.total_key = totals.total_key
    where
        change_figures.last_year_yuan is not null
        and coalesce(
            try_cast(nullif(regexp_extract(change_figures.phrase, '[比较与]((?:19|20)[0-9]{2}) ?年', 1), '') as integer),
            documents.fiscal_year - 1
        ) = documents.fiscal_year - 1
    group by change_figures.document_id, change_figures.change_no, change_figures.source_page, change_figures.phrase,
        change_figures.last_year_yuan
    having not bool_or(
        abs(previous_year_totals.amount_yuan - change_figures.last_year_yuan)
        <= change_figures.last_year_rounding + previous_year_totals.rounding
    )
),

misdated as (
    select
        years.document_id,
        'narrative_year_mismatch' as rule,
        null as table_kind,
        years.source_page as page,
        arg_min(years.phrase, years.year_no) as evidence,
        concat(
            documents.fiscal_year, '年, or 比', documents.fiscal_year - 1, '年 (the year before)'
        ) as expected,
        concat(
            count(*), ' × ',
            string_agg(
                distinct concat(case when years.compares then '比' else '' end, years.year, '年'), ', '
                order by concat(case when years.compares then '比' else '' end, years.year, '年')
            )
        ) as printed
    from {{ ref('stg_raw__narrative_years') }} as years
    inner join {{ ref('int_documents__status') }} as documents using (document_id)
    where
        documents.status = 'loaded'
        and case
            when years.compares then years.year <> documents.fiscal_year - 1
            else years.year not in (documents.fiscal_year, documents.fiscal_year - 1)
        end
    group by years.document_id, years.source_page, documents.fiscal_year
),

executions as (
    select
        *,
        -- Half the last printed digit of its least precise amount, in 元.
        0.5 * {{ last_digit_yuan('unit', 'amount_decimals') }} as rounding,
        {{ percent_unit('percent_decimals') }} as percent_unit
    from {{ ref('stg_raw__narrative_executions') }}
    where budgeted_yuan is not null
    -- A statement printed twice on one page is one finding.
    qualify row_number() over (partition by document_id, source_page, subject, phrase order by execution_no) = 1
),

execution_faults as (
    select
        *,
        case
            when
                (word = 'above' and final_yuan - budgeted_yuan < -2 * rounding)
                or (word = 'below' and final_yuan - budgeted_yuan > 2 * rounding)
                or (word = 'flat' and abs(final_yuan - budgeted_yuan) > 2 * rounding)
                or (word = 'roughly_flat' and abs(final_yuan - budgeted_yuan) > 0.01 * budgeted_yuan + 2 * rounding)
                then 'word'
            -- |Y P - 100 X| <= u (P + its rounding) + Y x P's rounding + 100 x X's rounding.
            when
                budgeted_yuan > rounding
                and abs(percent * budgeted_yuan - 100 * final_yuan)
                > percent_unit * (budgeted_yuan + rounding) + percent * rounding + 100 * rounding
                then 'rate'
            when
                (word = 'above' and percent + percent_unit <= 100)
                or (word = 'below' and percent - percent_unit >= 100)
                or (word = 'flat' and abs(percent - 100) > percent_unit)
                or (word = 'roughly_flat' and abs(percent - 100) > 1 + percent_unit)
                then 'rate_word'
        end as fault,
        case
            when final_yuan > budgeted_yuan then '决算数大于预算数'
            when final_yuan < budgeted_yuan then '决算数小于预算数'
            else '决算数同预算数持平'
        end as amounts_say,
        regexp_extract(phrase, '[0-9.]+%$') as rate_printed
    from executions
),

execution_mismatches as (
    select
        document_id,
        'narrative_execution_mismatch' as rule,
        null as table_kind,
        source_page as page,
        concat(if(contains(phrase, subject), phrase, concat(subject, ' ', phrase)), if(fault = 'rate', '', concat('…', wording)))
            as evidence,
        case fault
            when 'word' then concat(amounts_say, ' (', final_yuan, ' 元 of ', budgeted_yuan, ' 元)')
            -- Shown rounded as printed (a division of decimals is a double: for the words only).
            when 'rate' then concat(format('{:.{}f}', 100 * final_yuan / budgeted_yuan, percent_decimals), '% of 年初预算 ', budgeted_yuan, ' 元')
            else concat(case when percent > 100 then '决算数大于预算数' when percent < 100 then '决算数小于预算数' else '决算数同预算数持平' end, ' (', rate_printed, ')')
        end as expected,
        if(fault = 'rate', rate_printed, wording) as printed
    from execution_faults
    where fault is not null
),

class_mismatches as (
    select
        document_id,
        'narrative_class_mismatch' as rule,
        null as table_kind,
        source_page as page,
        phrase as evidence,
        concat(table_yuan, ' 元 (', code, ', ', table_kind, ' p. ', table_page, ')') as expected,
        concat(narrative_yuan, ' 元') as printed
    from {{ ref('int_narrative_class_amounts__checked') }}
    where not passed
    -- A statement printed twice on one page is one finding.
    qualify row_number() over (partition by document_id, source_page, phrase order by statement_no) = 1
),

unfilled as (
    select
        document_id,
        'narrative_placeholder' as rule,
        null as table_kind,
        source_page as page,
        arg_min(phrase, placeholder_no) as evidence,
        'text in place of the template''s blanks' as expected,
        concat(count(*), ' × ', string_agg(distinct placeholder, ', ' order by placeholder)) as printed
    from {{ ref('stg_raw__placeholders') }}
    group by document_id, source_page
)

select * from zero_totals
union all
select * from share_mismatches
union all
select * from shares_over_100
union all
select * from change_mismatches
union all
select * from previous_year_mismatches
union all
select * from misdated
union all
select * from execution_mismatches
union all
select * from class_mismatches
union all
select * from unfilled
