select
    document_id,
    page_number,
    width as page_width,
    height as page_height,
    rotation as page_rotation
from {{ source('raw', 'pages') }}
