-- 财政拨款收支预算总表 (national and Shanghai layouts), every expenditure row: 合计 = 一般公共预算
-- + 政府性基金预算 + 国有资本经营预算, by the fund columns printed. The income side prints one
-- amount column and is left out; a layout without fund columns has nothing to check.
{{ row_sum_identity(
    'fiscal_grant_summary_row_sum', 'fiscal_grant_summary',
    ['general_public_budget', 'government_fund_budget', 'state_capital_budget'],
    classification='function'
) }}
