-- 支出预算总表, every row: 合计 = 基本支出 + 项目支出 + 事业单位经营支出 + 对附属单位补助支出
-- + 上缴上级支出 + 单位预留机动经费 (Jiangsu's templates print that last column). Blank cells
-- print nothing and count as zero. 结转下年 is not a part: it is not spent this year.
{{ row_sum_identity(
    'expenditure_summary_row_sum', 'expenditure_summary',
    ['basic', 'project', 'business', 'subsidy_to_affiliates', 'remit_to_superior', 'unit_reserve_fund']
) }}
