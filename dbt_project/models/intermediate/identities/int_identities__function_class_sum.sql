-- 功能分类, every coded table and column: 类 (3 digits) = Σ its 款 (5 digits).
{{ hierarchy_identity('function_class_sum', 'function', 3, 5) }}
