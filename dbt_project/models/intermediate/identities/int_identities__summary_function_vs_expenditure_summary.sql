-- 收支预算总表 功能分类 类 (预算数) = 支出预算总表 the same 类 row's 合计.
{{ class_match_identity(
    'summary_function_vs_expenditure_summary', 'revenue_expenditure_summary', ['expenditure_summary']
) }}
