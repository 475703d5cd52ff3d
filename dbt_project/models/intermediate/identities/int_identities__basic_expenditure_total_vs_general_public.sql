-- 一般公共预算基本支出表 合计 (预算数) = 一般公共预算支出表 合计 row, 基本支出 column.
{{ cell_match_identity(
    'basic_expenditure_total_vs_general_public', '基本支出表合计 = 一般公共预算支出表合计行基本支出',
    'general_public_basic_expenditure', "code is null and line_key = 'total' and measure = 'total'",
    'general_public_expenditure', "code is null and line_key = 'total' and measure = 'basic'"
) }}
