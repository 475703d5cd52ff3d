-- 财政拨款收支预算总表 功能分类 类 = the same 类 of 一般公共预算支出表 + 政府性基金预算支出表
-- + 国有资本经营预算支出表 (财政拨款 = general public budget + government funds + state capital).
{{ class_match_identity(
    'fiscal_grant_function_vs_fund_tables', 'fiscal_grant_summary',
    ['general_public_expenditure', 'government_fund_expenditure', 'state_capital_expenditure']
) }}
