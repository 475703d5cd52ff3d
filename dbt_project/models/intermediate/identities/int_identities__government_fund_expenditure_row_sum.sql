-- 政府性基金预算支出表, every row: 合计 = 基本支出 + 项目支出 (+ 单位预留机动经费 where printed).
{{ row_sum_identity('government_fund_expenditure_row_sum', 'government_fund_expenditure', ['basic', 'project', 'unit_reserve_fund']) }}
