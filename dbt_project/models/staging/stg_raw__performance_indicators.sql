select
    document_id,
    line_no,
    nullif(trim(regexp_replace(project_name, '\s+', '', 'g')), '') as project_name,
    trim(regexp_replace(level1, '\s+', '', 'g')) as level1,
    trim(regexp_replace(level2, '\s+', '', 'g')) as level2,
    trim(regexp_replace(level3, '\s+', ' ', 'g')) as level3,
    trim(regexp_replace(target, '\s+', ' ', 'g')) as target,
    source_page
from {{ source('raw', 'performance_indicators') }}
