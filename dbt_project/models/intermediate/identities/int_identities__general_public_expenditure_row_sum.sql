-- 一般公共预算支出表, every row: 预算数 = 基本支出 + 项目支出 (+ 单位预留机动经费 where printed).
{{ row_sum_identity('general_public_expenditure_row_sum', 'general_public_expenditure', ['basic', 'project', 'unit_reserve_fund']) }}
