-- 经济分类 (一般公共预算基本支出表 and any other economic coded table), every column:
-- 类 (301, 302, 501 ...) = Σ its 款 (301xx ...).
{{ hierarchy_identity('economic_class_sum', 'economic', 3, 5) }}
