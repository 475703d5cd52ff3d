-- The department each document belongs to, once the names it prints are resolved.
--
-- Departments print their name in several ways: the cover says 武汉市硚口区大数据中心 and the
-- headings 硚口区大数据中心; Jiangsu's 省委办公厅 files say 中国共产党江苏省委员会办公厅,
-- 中共江苏省委办公厅 or 江苏省委办公厅. A name (normalised by the macro department_key) resolves to
-- the longest main name of any document that
--   * ends with it, the extra head being a region or the Party (…省 …市 …区 …县 中共): a
--     shorter form of the same name, or
--   * prints it as an alias (a document that calls itself X and says Y in its headings),
-- provided that longest candidate is unique: 鼓楼区财政局 stays itself when both 南京市鼓楼区财政局
-- and 福州市鼓楼区财政局 are in the warehouse. One step, no chains, so a resolution can always be
-- explained by one document. department_id and disclosure_id are keyed on the resolved name.
with documents as (
    select document_id, fiscal_year, document_kind, document_scope
    from {{ ref('stg_raw__documents') }}
),

names as (
    select * from {{ ref('stg_raw__department_names') }}
),

main_names as (
    select distinct department_key from names where is_primary
),

name_keys as (
    select distinct department_key from names
),

candidates as (
    select name_keys.department_key as name_key, main_names.department_key as resolved_key
    from name_keys
    inner join main_names
        on main_names.department_key = name_keys.department_key
        or (
            length(name_keys.department_key) >= 4
            and ends_with(main_names.department_key, name_keys.department_key)
            and regexp_matches(
                left(main_names.department_key, length(main_names.department_key) - length(name_keys.department_key)),
                '(省|市|区|县|旗|州|盟|镇|乡)$'
            )
        )
    union
    select aliases.department_key as name_key, mains.department_key as resolved_key
    from names as aliases
    inner join names as mains
        on mains.document_id = aliases.document_id and mains.is_primary and not aliases.is_primary
),

longest as (
    select
        name_key,
        max(length(resolved_key)) as resolved_length
    from candidates
    group by name_key
),

resolved as (
    select
        candidates.name_key,
        case when count(distinct candidates.resolved_key) = 1 then min(candidates.resolved_key)
            else candidates.name_key
        end as resolved_key
    from candidates
    inner join longest
        on longest.name_key = candidates.name_key
        and length(candidates.resolved_key) = longest.resolved_length
    group by candidates.name_key
),

document_departments as (
    select names.document_id, resolved.resolved_key as department_key
    from names
    inner join resolved on resolved.name_key = names.department_key
    where names.is_primary
)

select
    documents.document_id,
    document_departments.department_key,
    case when document_departments.department_key is not null
        then substr(md5(document_departments.department_key), 1, 16)
    end as department_id,
    -- A disclosure may come as several files (a narrative PDF and a tables PDF): they share
    -- the department, year, kind and scope.
    case when document_departments.department_key is not null and documents.fiscal_year is not null
        then substr(md5(concat_ws('|', document_departments.department_key, documents.fiscal_year,
                                  documents.document_kind, documents.document_scope)), 1, 16)
    end as disclosure_id
from documents
left join document_departments using (document_id)
