select
    -- The same key as the file had while it was loaded (warehouse/raw_tables.py document_id).
    substr(sha256(source_file || chr(0) || sha256), 1, 16) as document_id,
    source_file,
    sha256,
    removed_at
from {{ source('raw', 'removed_documents') }}
