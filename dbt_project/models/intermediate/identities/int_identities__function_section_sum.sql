-- 功能分类, every coded table and column: 款 (5 digits) = Σ its 项 (7 digits).
{{ hierarchy_identity('function_section_sum', 'function', 5, 7) }}
