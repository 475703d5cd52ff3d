-- The region of each department, read from the start of its resolved name against the
-- curated region names (seed ref_region): 湖北省… / 武汉市硚口区… / 上海市普陀区… / 江苏省….
-- The province is the printed one, or the province of a printed city (city names are unique
-- in the seed); a county counts only after its printed city (or, for a province-level city
-- such as 上海市, after the province): 鼓楼区 alone could be 南京 or 福州. A name that starts
-- with no known region stays unknown, never guessed. Rebuilt whole on every run.
with departments as (
    select department_id, department_name, {{ department_key('department_name') }} as name_key
    from {{ ref('dim_department') }}
),

regions as (
    select * from {{ ref('ref_region') }}
),

-- A region name may be the prefix of a longer one (none in the seed today): keep the longest.
provinces as (
    select departments.department_id, regions.region_name as province_name
    from departments
    inner join regions on regions.region_level = 'province' and starts_with(departments.name_key, regions.region_name)
    qualify row_number() over (partition by departments.department_id order by length(regions.region_name) desc) = 1
),

after_province as (
    select
        departments.*,
        provinces.province_name,
        substr(departments.name_key, coalesce(length(provinces.province_name), 0) + 1) as rest
    from departments
    left join provinces using (department_id)
),

cities as (
    select after_province.department_id, regions.region_name as city_name, regions.province_name
    from after_province
    inner join regions
        on regions.region_level = 'city'
        and starts_with(after_province.rest, regions.region_name)
        and (after_province.province_name is null or regions.province_name = after_province.province_name)
    -- Two cities of the same name in different provinces: neither is taken.
    qualify count(*) over (partition by after_province.department_id) = 1
),

after_city as (
    select
        after_province.*,
        cities.city_name,
        coalesce(after_province.province_name, cities.province_name) as resolved_province,
        substr(after_province.rest, coalesce(length(cities.city_name), 0) + 1) as rest_after_city
    from after_province
    left join cities using (department_id)
),

counties as (
    select after_city.department_id, regions.region_name as county_name
    from after_city
    inner join regions
        on regions.region_level = 'county'
        and starts_with(after_city.rest_after_city, regions.region_name)
        and regions.parent_name = coalesce(after_city.city_name, after_city.province_name)
    qualify count(*) over (partition by after_city.department_id) = 1
)

select
    after_city.department_id,
    after_city.department_name,
    after_city.resolved_province as province_name,
    after_city.city_name,
    counties.county_name,
    coalesce(counties.county_name, after_city.city_name, after_city.resolved_province) as region_name,
    case
        when counties.county_name is not null then 'county'
        when after_city.city_name is not null then 'city'
        when after_city.resolved_province is not null then 'province'
        else 'unknown'
    end as region_level,
    after_city.province_name is null and after_city.city_name is not null as is_province_from_city
from after_city
left join counties using (department_id)
