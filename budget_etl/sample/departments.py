"""The fictional departments: five fixed ones that spread the layout variations over 2019-2024,
and a seeded generator of any number of further ones for benchmarks and scale tests.

Between them the fixed ones print every table the warehouse checks an identity on: 北湖区人民路
街道 adds a 国有资本经营预算支出表 (its 国有企业退休人员社会化管理 money), 浈江区市场监督管理局
prints 会议费 and 培训费 in its 三公 table.

Names are plausible departments of real districts; every amount is invented.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass, replace
from pathlib import Path

from budget_etl.sample.budget import (
    BUSINESS_INCOME,
    CARRIED_OVER,
    GENERAL_PUBLIC,
    GOVERNMENT_FUND,
    STATE_CAPITAL,
    Contact,
)
from budget_etl.sample.builder import DepartmentPlan, ProjectPlan
from budget_etl.sample.style import (
    APPENDIX,
    ARABIC,
    CHINESE,
    HUBEI,
    HUBEI_ORDER,
    NATIONAL,
    NATIONAL_ORDER,
    NATIONAL_ORDER_STATE_CAPITAL,
    SEED_NUMBERING,
    ZIGONG_ORDER,
    Style,
)

REGION_SEED = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "ref_region.csv"


def _duties(field: str, work: str) -> tuple[str, ...]:
    return (
        f"1、贯彻执行国家和省、市关于{field}工作的方针政策和法律法规，拟订全区{field}发展规划并组织实施。",
        f"2、负责{work}，指导、协调和监督相关工作。",
        f"3、承担{field}领域的宣传、培训、统计和信息化工作。",
        "4、完成区委、区政府交办的其他任务。",
    )


FIXED = (
    DepartmentPlan(
        key="xiling_justice_bureau_2019_budget",
        department_name="宜昌市西陵区司法局",
        short_name="西陵区司法局",
        fiscal_year=2019,
        administrative=True,
        run_code="2040601",
        authorized=45,
        actual=41,
        retirees=12,
        vehicles=2,
        projects=(
            ProjectPlan("人民调解工作经费", "2040604", (("30227", 150000, 300000), ("30226", 50000, 120000))),
            ProjectPlan("普法宣传经费", "2040605", (("30202", 40000, 90000), ("30227", 80000, 200000))),
            ProjectPlan(
                "公共法律服务体系建设", "2040607", (("30227", 300000, 600000), ("31002", 40000, 90000)), years=3
            ),
            ProjectPlan("社区矫正工作经费", "2040610", (("30227", 100000, 250000), ("30211", 20000, 60000))),
            ProjectPlan("法律援助经费", "2040699", (("30227", 200000, 400000),)),
        ),
        duties=_duties("司法行政", "人民调解、社区矫正、法律援助和公共法律服务体系建设"),
        style=Style(
            template=HUBEI,
            numbering=ARABIC,
            number_inline=False,
            unit="万元",
            thousands=True,
            zero_cells=True,
            split_codes=True,
            landscape=True,
            order=HUBEI_ORDER,
            page_numbers=True,
        ),
        contact=Contact("0717-6253118", "宜昌市西陵区东山大道 88 号", "443000", "陈晓峰"),
        reporter="刘敏",
        rent_subsidy=True,
    ),
    DepartmentPlan(
        key="beihu_renminlu_subdistrict_2020_budget",
        department_name="郴州市北湖区人民路街道办事处",
        short_name="北湖区人民路街道办事处",
        fiscal_year=2020,
        administrative=True,
        run_code="2010301",
        authorized=68,
        actual=62,
        retirees=30,
        vehicles=3,
        projects=(
            ProjectPlan("党建及综合事务经费", "2010302", (("30227", 100000, 250000), ("30202", 20000, 60000))),
            ProjectPlan("第七次全国人口普查", "2010507", (("30226", 80000, 160000), ("30202", 10000, 30000))),
            ProjectPlan("群众文化活动", "2070109", (("30227", 40000, 90000),)),
            ProjectPlan("全民健身活动", "2070308", (("30218", 20000, 60000),)),
            ProjectPlan("社区治理工作经费", "2080208", (("30299", 300000, 600000),)),
            ProjectPlan("公益性岗位补贴", "2080705", (("30305", 200000, 400000),)),
            ProjectPlan("高龄老人生活补贴", "2081002", (("30305", 100000, 300000),)),
            ProjectPlan("城市困难群众救助", "2082501", (("30305", 80000, 200000),)),
            ProjectPlan("基本公共卫生服务", "2100408", (("30227", 60000, 150000),)),
            ProjectPlan("计划生育服务", "2100717", (("30305", 30000, 80000),)),
            ProjectPlan("大气污染防治", "2110301", (("30227", 50000, 120000),)),
            ProjectPlan("城市管理及市容整治", "2120104", (("30227", 200000, 500000), ("30226", 100000, 200000))),
            ProjectPlan("社区公共设施维护", "2120399", (("30213", 100000, 300000),), source=CARRIED_OVER),
            ProjectPlan("环境卫生保洁", "2120501", (("30227", 600000, 1200000),)),
            ProjectPlan("老旧小区改造", "2120803", (("30227", 800000, 1500000),), source=GOVERNMENT_FUND, years=2),
            ProjectPlan("村级组织运转补助", "2130705", (("30399", 100000, 200000),)),
            ProjectPlan("地质灾害防治", "2240601", (("30227", 50000, 150000),)),
            ProjectPlan("安全生产监管", "2240106", (("30227", 40000, 100000),)),
            ProjectPlan("养老服务彩票公益金项目", "2296002", (("30305", 100000, 200000),), source=GOVERNMENT_FUND),
            ProjectPlan(
                "国有企业退休人员社会化管理补助", "2230105", (("30399", 100000, 250000),), source=STATE_CAPITAL
            ),
        ),
        duties=_duties("街道", "辖区社区建设、城市管理、社会事务和公共服务"),
        style=Style(
            template=NATIONAL,
            numbering=CHINESE,
            number_inline=False,
            unit="万元",
            thousands=False,
            zero_cells=False,
            split_codes=False,
            landscape=False,
            order=NATIONAL_ORDER_STATE_CAPITAL,
            three_public_list=True,
            cover=True,
            page_numbers=True,
        ),
        contact=Contact("0735-2236107", "郴州市北湖区人民西路 16 号", "423000", "黄志刚"),
        reporter="周丽",
    ),
    DepartmentPlan(
        key="zhenjiang_market_regulation_2022_budget",
        department_name="韶关市浈江区市场监督管理局",
        short_name="浈江区市场监督管理局",
        fiscal_year=2022,
        administrative=True,
        run_code="2013801",
        authorized=120,
        actual=112,
        retirees=40,
        vehicles=6,
        projects=(
            ProjectPlan("食品安全抽检", "2013816", (("30227", 300000, 700000), ("30218", 50000, 150000))),
            ProjectPlan("市场秩序执法", "2013805", (("30227", 100000, 300000), ("30211", 30000, 80000))),
            ProjectPlan("特种设备安全监察", "2013815", (("30227", 150000, 350000),)),
            ProjectPlan("药品安全监管", "2013812", (("30227", 80000, 200000),)),
            ProjectPlan("市场主体登记注册", "2013804", (("30202", 20000, 60000), ("30227", 50000, 120000))),
            ProjectPlan("执法执勤用车更新", "2013802", (("31013", 150000, 250000),)),
            ProjectPlan("检验检测服务", "2013850", (("30227", 200000, 500000),), source=BUSINESS_INCOME),
        ),
        duties=_duties("市场监督管理", "市场主体登记、食品药品安全、特种设备安全和市场秩序监管"),
        style=Style(
            template=NATIONAL,
            numbering=APPENDIX,
            number_inline=True,
            title_with_department=True,
            unit="元",
            thousands=False,
            zero_cells=True,
            split_codes=False,
            landscape=True,
            order=NATIONAL_ORDER,
            all_classes=True,
            tables_as_appendix=True,
            three_public_meetings_training=True,
        ),
        contact=Contact("0751-8889021", "韶关市浈江区解放路 9 号", "512000", "邓伟"),
        reporter="李娟",
        business=(("2013850", 300000, 800000),),
        affiliates=(("2013850", 500000, 1200000),),
    ),
    DepartmentPlan(
        key="zhangwan_culture_tourism_2023_budget",
        department_name="十堰市张湾区文化和旅游局",
        short_name="张湾区文化和旅游局",
        fiscal_year=2023,
        administrative=True,
        run_code="2070101",
        authorized=38,
        actual=35,
        retirees=10,
        vehicles=1,
        projects=(
            ProjectPlan("群众文化活动", "2070109", (("30227", 150000, 350000), ("30202", 20000, 50000))),
            ProjectPlan("图书馆免费开放", "2070104", (("30227", 100000, 200000), ("31002", 30000, 80000))),
            ProjectPlan("文物保护修缮", "2070204", (("30213", 300000, 800000),), years=3),
            ProjectPlan("文化和旅游市场综合执法", "2070112", (("30227", 50000, 150000),)),
            ProjectPlan("非物质文化遗产保护传承", "2070111", (("30227", 80000, 200000),), source=BUSINESS_INCOME),
            ProjectPlan("旅游宣传促销", "2070701", (("30227", 200000, 500000),), source=GOVERNMENT_FUND),
            ProjectPlan("全民健身彩票公益金项目", "2296003", (("30227", 100000, 300000),), source=GOVERNMENT_FUND),
        ),
        duties=_duties("文化和旅游", "公共文化服务、文物保护、文化和旅游市场管理及旅游宣传推广"),
        style=Style(
            template=HUBEI,
            numbering=SEED_NUMBERING,
            unit="万元",
            thousands=True,
            zero_cells=False,
            split_codes=True,
            landscape=False,
            order=HUBEI_ORDER,
        ),
        contact=Contact("0719-8265530", "十堰市张湾区车城路 27 号", "442000", "王磊"),
        reporter="张晓燕",
    ),
    DepartmentPlan(
        key="xigong_agriculture_2024_budget",
        department_name="洛阳市西工区农业农村局",
        short_name="西工区农业农村局",
        fiscal_year=2024,
        administrative=True,
        run_code="2130101",
        authorized=52,
        actual=48,
        retirees=20,
        vehicles=2,
        projects=(
            ProjectPlan("农产品质量安全监测", "2130109", (("30227", 100000, 250000), ("30218", 30000, 80000))),
            ProjectPlan("动植物疫病防控", "2130108", (("30218", 80000, 200000), ("30227", 50000, 150000))),
            ProjectPlan("农业技术推广", "2130106", (("30227", 60000, 150000), ("30216", 20000, 50000))),
            ProjectPlan("农村人居环境整治", "2130199", (("30227", 300000, 700000),)),
            ProjectPlan("防汛抗旱物资储备", "2130119", (("30218", 50000, 120000),), source=CARRIED_OVER),
            ProjectPlan("村级组织运转补助", "2130705", (("30399", 200000, 400000),)),
        ),
        duties=_duties("农业农村", "种植业、畜牧兽医、农产品质量安全和农村人居环境整治"),
        style=Style(
            template=NATIONAL,
            numbering=ARABIC,
            number_inline=True,
            unit="万元",
            thousands=True,
            zero_cells=False,
            split_codes=False,
            landscape=True,
            order=ZIGONG_ORDER,
            page_numbers=True,
            performance_tables=False,
        ),
        contact=Contact("0379-63216675", "洛阳市西工区中州中路 302 号", "471000", "孙建军"),
        reporter="马丽",
        misprint="2130108",
    ),
)


# --- synthetic departments ------------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    name: str  # 司法局
    run_code: str
    field: str
    work: str
    projects: tuple[ProjectPlan, ...]


def _p(name: str, code: str, econ: str, low: int, high: int, source: str = GENERAL_PUBLIC) -> ProjectPlan:
    return ProjectPlan(name, code, ((econ, low, high),), source=source)


KINDS = (
    _Kind(
        "司法局",
        "2040601",
        "司法行政",
        "人民调解、社区矫正和公共法律服务",
        (
            _p("人民调解工作经费", "2040604", "30227", 100000, 300000),
            _p("普法宣传经费", "2040605", "30202", 20000, 80000),
            _p("社区矫正工作经费", "2040610", "30227", 80000, 200000),
            _p("公共法律服务", "2040607", "30227", 100000, 400000),
            _p("法律援助经费", "2040699", "30227", 100000, 300000),
        ),
    ),
    _Kind(
        "市场监督管理局",
        "2013801",
        "市场监督管理",
        "市场主体登记和食品药品安全监管",
        (
            _p("食品安全抽检", "2013816", "30227", 200000, 600000),
            _p("市场秩序执法", "2013805", "30227", 100000, 300000),
            _p("药品安全监管", "2013812", "30227", 80000, 200000),
            _p("特种设备安全监察", "2013815", "30227", 100000, 300000),
            _p("市场主体登记注册", "2013804", "30202", 20000, 60000),
        ),
    ),
    _Kind(
        "文化和旅游局",
        "2070101",
        "文化和旅游",
        "公共文化服务和文化市场管理",
        (
            _p("群众文化活动", "2070109", "30227", 100000, 300000),
            _p("图书馆免费开放", "2070104", "30227", 80000, 200000),
            _p("文化市场管理", "2070112", "30227", 50000, 150000),
            _p("文化创作与保护", "2070111", "30227", 50000, 200000),
            _p("文物保护修缮", "2070204", "30213", 200000, 600000),
            _p("旅游宣传促销", "2070701", "30227", 100000, 400000, GOVERNMENT_FUND),
        ),
    ),
    _Kind(
        "农业农村局",
        "2130101",
        "农业农村",
        "种植业、畜牧业和农村人居环境整治",
        (
            _p("农产品质量安全监测", "2130109", "30227", 100000, 250000),
            _p("动植物疫病防控", "2130108", "30218", 80000, 200000),
            _p("农业技术推广", "2130106", "30227", 60000, 150000),
            _p("防灾救灾", "2130119", "30218", 50000, 120000),
            _p("农村人居环境整治", "2130199", "30227", 200000, 600000),
        ),
    ),
    _Kind(
        "教育局",
        "2050101",
        "教育",
        "学前教育和义务教育管理",
        (
            _p("学前教育发展资金", "2050201", "30227", 300000, 900000),
            _p("义务教育公用经费", "2050202", "30299", 500000, 1500000),
            _p("初中教育质量提升", "2050203", "30227", 200000, 600000),
            _p("教师培训", "2050801", "30216", 100000, 300000),
            _p("教育督导评估", "2050102", "30227", 50000, 150000),
        ),
    ),
    _Kind(
        "卫生健康局",
        "2100101",
        "卫生健康",
        "公共卫生和计划生育服务",
        (
            _p("基本公共卫生服务", "2100408", "30227", 500000, 1500000),
            _p("重大公共卫生服务", "2100409", "30227", 200000, 600000),
            _p("计划生育服务", "2100717", "30305", 100000, 300000),
            _p("卫生健康综合监督", "2100102", "30227", 50000, 150000),
        ),
    ),
    _Kind(
        "人力资源和社会保障局",
        "2080101",
        "人力资源和社会保障",
        "就业创业和社会保险经办",
        (
            _p("就业创业服务", "2080106", "30227", 100000, 300000),
            _p("社会保险经办", "2080109", "30227", 100000, 300000),
            _p("职业技能鉴定", "2080111", "30216", 50000, 150000),
            _p("公益性岗位补贴", "2080705", "30305", 200000, 500000),
        ),
    ),
    _Kind(
        "民政局",
        "2080201",
        "民政",
        "社区治理、养老服务和社会救助",
        (
            _p("社区治理", "2080208", "30227", 100000, 300000),
            _p("高龄老人生活补贴", "2081002", "30305", 200000, 600000),
            _p("城市困难群众救助", "2082501", "30305", 200000, 500000),
            _p("养老服务彩票公益金项目", "2296002", "30305", 100000, 300000, GOVERNMENT_FUND),
        ),
    ),
    _Kind(
        "财政局",
        "2010601",
        "财政",
        "预算管理、国库集中支付和财政监督",
        (
            _p("预算管理改革", "2010604", "30227", 100000, 300000),
            _p("国库集中支付业务", "2010605", "30227", 80000, 200000),
            _p("财政信息化建设", "2010607", "31007", 200000, 600000),
            _p("财政监督检查", "2010602", "30227", 50000, 150000),
        ),
    ),
    _Kind(
        "统计局",
        "2010501",
        "统计",
        "统计调查和统计数据管理",
        (
            _p("专项统计调查", "2010505", "30227", 50000, 150000),
            _p("统计抽样调查", "2010508", "30226", 50000, 150000),
            _p("经济普查", "2010507", "30226", 100000, 300000),
        ),
    ),
    _Kind(
        "城市管理执法局",
        "2120101",
        "城市管理",
        "市容环境卫生和城市管理综合执法",
        (
            _p("城市管理执法", "2120104", "30227", 200000, 500000),
            _p("环境卫生保洁", "2120501", "30227", 500000, 1500000),
            _p("市政设施维护", "2120399", "30213", 200000, 600000),
            _p("城市建设项目", "2120803", "30227", 500000, 2000000, GOVERNMENT_FUND),
        ),
    ),
    _Kind(
        "生态环境分局",
        "2110101",
        "生态环境保护",
        "大气、水污染防治和生态环境监管",
        (
            _p("生态环境保护宣传", "2110104", "30202", 20000, 80000),
            _p("大气污染防治", "2110301", "30227", 200000, 600000),
            _p("水污染防治", "2110302", "30227", 200000, 600000),
        ),
    ),
    _Kind(
        "科学技术局",
        "2060101",
        "科学技术",
        "科技计划管理和科学普及",
        (_p("科普活动", "2060702", "30227", 50000, 150000), _p("科技项目管理", "2060102", "30227", 50000, 200000)),
    ),
    _Kind(
        "应急管理局",
        "2240101",
        "应急管理",
        "安全生产监管和应急救援",
        (
            _p("安全生产监管", "2240106", "30227", 100000, 300000),
            _p("应急救援能力建设", "2240108", "31003", 100000, 400000),
            _p("地质灾害防治", "2240601", "30227", 50000, 200000),
        ),
    ),
    _Kind(
        "退役军人事务局",
        "2082801",
        "退役军人事务",
        "退役军人安置、优抚和褒扬纪念",
        (
            _p("拥军优属", "2082804", "30305", 100000, 300000),
            _p("死亡抚恤", "2080801", "30305", 50000, 150000),
            _p("义务兵优待", "2080805", "30305", 200000, 500000),
            _p("退役士兵安置", "2080901", "30305", 100000, 400000),
        ),
    ),
)

# Where the synthetic departments sit, (city, its districts), in this order (the permutation of
# ``synthetic`` depends on it). Hubei departments use the Wuhan template, the others the national
# one; which province a city is in is read from the curated region names (seed ref_region),
# which must list every place here.
_CITIES = (
    ("武汉市", "江岸区 江汉区 武昌区 青山区 洪山区 汉阳区 东西湖区 蔡甸区 江夏区 黄陂区 新洲区"),
    ("宜昌市", "伍家岗区 点军区"),
    ("襄阳市", "樊城区 襄州区"),
    ("荆州市", "沙市区"),
    ("黄石市", "下陆区"),
    ("十堰市", "茅箭区"),
    ("孝感市", "孝南区"),
    ("长沙市", "天心区 岳麓区"),
    ("株洲市", "荷塘区"),
    ("湘潭市", "雨湖区"),
    ("郑州市", "金水区 二七区"),
    ("开封市", "龙亭区"),
    ("成都市", "青羊区 武侯区"),
    ("绵阳市", "游仙区"),
    ("南宁市", "青秀区"),
    ("桂林市", "七星区"),
    ("南昌市", "东湖区"),
    ("赣州市", "章贡区"),
    ("合肥市", "蜀山区"),
    ("芜湖市", "镜湖区"),
    ("济南市", "历下区"),
    ("青岛市", "市南区"),
    ("石家庄市", "长安区"),
    ("太原市", "小店区"),
    ("西安市", "雁塔区"),
    ("贵阳市", "南明区"),
    ("昆明市", "五华区"),
    ("厦门市", "思明区"),
)


def _provinces() -> dict[str, str]:
    """city -> province, from dbt_project/seeds/ref_region.csv."""
    with REGION_SEED.open(encoding="utf-8", newline="") as f:
        return {r["region_name"]: r["province_name"] for r in csv.DictReader(f) if r["region_level"] == "city"}


def _places() -> tuple[tuple[str, str, bool], ...]:
    provinces = _provinces()
    return tuple(
        (city, district, provinces[city] == "湖北省") for city, districts in _CITIES for district in districts.split()
    )


PLACES = _places()
YEARS = tuple(range(2019, 2025))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"

# A permutation of all (place, kind, year) combinations, so that consecutive indexes differ in
# every respect and no two synthetic documents share a department and year.
COMBINATIONS = len(PLACES) * len(KINDS) * len(YEARS)
_STRIDE = next(s for s in range(7919, 10**6) if math.gcd(s, COMBINATIONS) == 1)


def synthetic(index: int) -> DepartmentPlan:
    """The ``index``-th synthetic department (0-based): random, but the same for the same index."""
    rng = random.Random(index)
    cycle, slot = divmod(index, COMBINATIONS)
    combination = (slot * _STRIDE) % COMBINATIONS
    place, rest = divmod(combination, len(KINDS) * len(YEARS))
    kind_index, year_index = divmod(rest, len(YEARS))
    city, district, hubei = PLACES[place]
    kind, year = KINDS[kind_index], YEARS[year_index]
    # Past the last combination, further departments are numbered second-level units.
    suffix = f"第{cycle + 1}分局" if cycle else ""
    short = f"{district}{kind.name}{suffix}"

    chosen = rng.sample(range(len(kind.projects)), rng.randint(2, len(kind.projects)))
    projects = []
    for i in sorted(chosen):
        project = kind.projects[i]
        if project.source == GENERAL_PUBLIC and rng.random() < 0.15:
            project = replace(project, source=rng.choice((BUSINESS_INCOME, CARRIED_OVER)))
        projects.append(project)
    actual = rng.randint(8, 120)
    return DepartmentPlan(
        key=f"synthetic_{index:05d}_{year}_budget",
        department_name=f"{city}{short}",
        short_name=short,
        fiscal_year=year,
        administrative=True,
        run_code=kind.run_code,
        authorized=actual + rng.randint(0, 10),
        actual=actual,
        retirees=rng.randint(0, actual // 2),
        vehicles=rng.randint(0, 4),
        projects=tuple(projects),
        duties=_duties(kind.field, kind.work),
        style=_random_style(rng, hubei),
        contact=Contact(
            phone=f"{rng.randint(2, 8)}{rng.randint(0, 9999999):07d}",
            address=f"{city}{district}人民路 {rng.randint(1, 300)} 号",
            postcode=f"{rng.randint(100000, 850000)}",
            project_lead=_person(rng),
        ),
        reporter=_person(rng),
        rent_subsidy=rng.random() < 0.3,
    )


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _random_style(rng: random.Random, hubei: bool) -> Style:
    numbering = rng.choice((SEED_NUMBERING, ARABIC, CHINESE, APPENDIX) if hubei else (ARABIC, CHINESE, APPENDIX))
    return Style(
        template=HUBEI if hubei else NATIONAL,
        numbering=numbering,
        number_inline=rng.random() < 0.5,
        title_with_department=rng.random() < 0.3,
        unit="元" if rng.random() < 0.2 else "万元",
        thousands=rng.random() < 0.6,
        zero_cells=rng.random() < 0.3,
        split_codes=rng.random() < 0.3,
        landscape=rng.random() < 0.4,
        order=HUBEI_ORDER if hubei else rng.choice((NATIONAL_ORDER, ZIGONG_ORDER)),
        three_public_list=not hubei and rng.random() < 0.3,
        all_classes=rng.random() < 0.3,
        cover=rng.random() < 0.2,
        page_numbers=rng.random() < 0.5,
        tables_as_appendix=rng.random() < 0.15,
        performance_tables=rng.random() < 0.5,
        income_grand_label=rng.choice(("收入总计", "本年收入合计")),
    )
