-- 一般公共预算基本支出表, every row: 预算数 = 人员经费 + 日常公用经费.
{{ row_sum_identity(
    'general_public_basic_expenditure_row_sum', 'general_public_basic_expenditure',
    ['personnel', 'public_operating']
) }}
