-- 收入预算总表 (收入决算表), every row: 合计 = Σ the income-source columns it prints (上年结转,
-- 财政拨款, the fund columns 一般公共预算 / 政府性基金 / 国有资本经营, 财政专户管理资金, 事业收入,
-- 事业单位经营收入, 上级补助收入, 附属单位上缴收入, 其他收入). Only the matrix layout prints
-- source columns; a list layout (项目 | 预算数) has no part column and nothing to check here.
{{ row_sum_identity(
    'revenue_summary_row_sum', 'revenue_summary',
    ['carried_over', 'fiscal_grant', 'general_public_budget', 'government_fund_budget', 'state_capital_budget',
     'special_account_funds', 'public_service_income', 'business_income', 'superior_subsidy_income',
     'affiliate_remittance_income', 'other_income']
) }}
