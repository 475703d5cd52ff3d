-- 部门概览: one row per department, year, kind and scope (one current disclosure), with the
-- headline figures of fct_department_year, the department's region (dim_region; unknown
-- stays null) and the staff its documents print. Dashboards
-- filter and group on the Chinese labels; the codes stay beside them for joins. Every chart of
-- 部门概览 filters on counts_once by default, so that its sums count each department-year once.
with staff as (
    select
        disclosure_id,
        -- A disclosure split over two files prints its staff once: take the printed figure.
        max(authorized_staff) as authorized_staff,
        max(actual_staff) as actual_staff
    from {{ ref('dim_document') }}
    where status = 'loaded' and disclosure_id is not null
    group by disclosure_id
)

select
    headline.disclosure_id,
    headline.department_id,
    departments.department_name,
    regions.province_name,
    regions.city_name,
    regions.county_name,
    regions.region_level,
    headline.fiscal_year,
    headline.document_kind,
    {{ bi_label('document_kind', 'headline.document_kind') }} as document_kind_label,
    headline.document_scope,
    {{ bi_label('document_scope', 'headline.document_scope') }} as document_scope_label,
    headline.total_income_yuan,
    headline.fiscal_grant_yuan,
    headline.fiscal_grant_share,
    headline.total_expenditure_yuan,
    headline.basic_expenditure_yuan,
    headline.project_expenditure_yuan,
    headline.personnel_yuan,
    headline.public_operating_yuan,
    headline.three_public_total_yuan,
    headline.total_expenditure_change_yuan,
    headline.total_expenditure_change_ratio,
    staff.authorized_staff,
    staff.actual_staff,
    headline.n_documents,
    headline.n_budget_lines,
    headline.n_identity_failures,
    headline.counts_once
from {{ ref('fct_department_year') }} as headline
inner join {{ ref('dim_department') }} as departments using (department_id)
left join {{ ref('dim_region') }} as regions on regions.department_id = headline.department_id
left join staff using (disclosure_id)
