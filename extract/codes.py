"""Classification codes: what a printed 类 name stands for, and how split codes join.

收支预算总表 prints function 类 by name, with an ordinal that is not the code order and
names from several eras (医疗卫生与计划生育 until 2018, 卫生健康 after; 资源勘探电力信息等事务
in the Hubei template). The aliases below are folded the same way as the printed label, so
one entry covers ``十三.资源勘探电力信息等事务`` and ``资源勘探电力信息等支出``.
"""

from __future__ import annotations

import re
import unicodedata

from .text_norm import CJK_ORDINAL, fold, strip_ordinal

# 支出功能分类 类: every name seen for the code across 2007-2026 templates.
FUNCTION_CLASS_ALIASES: dict[str, tuple[str, ...]] = {
    "201": ("一般公共服务支出", "一般公共服务"),
    "202": ("外交支出",),
    "203": ("国防支出",),
    "204": ("公共安全支出",),
    "205": ("教育支出",),
    "206": ("科学技术支出",),
    "207": ("文化旅游体育与传媒支出", "文化体育与传媒支出", "文化和旅游支出"),
    "208": ("社会保障和就业支出",),
    "209": ("社会保险基金支出",),
    "210": ("卫生健康支出", "医疗卫生与计划生育支出", "医疗卫生支出"),
    "211": ("节能环保支出", "环境保护支出"),
    "212": ("城乡社区支出", "城乡社区事务"),
    "213": ("农林水支出", "农林水事务"),
    "214": ("交通运输支出",),
    "215": ("资源勘探工业信息等支出", "资源勘探信息等支出", "资源勘探电力信息等事务", "资源勘探电力信息等支出"),
    "216": ("商业服务业等支出", "商业服务业等事务", "商品服务业等事务", "商品服务业等支出"),
    "217": ("金融支出", "金融监管等事务支出", "金融监管等支出"),
    "219": ("援助其他地区支出",),
    "220": ("自然资源海洋气象等支出", "国土海洋气象等支出", "国土资源气象等事务", "国土资源气象等支出"),
    "221": ("住房保障支出",),
    "222": ("粮油物资储备支出", "粮油物资储备事务", "粮油物资管理事务"),
    "223": ("国有资本经营预算支出",),
    "224": ("灾害防治及应急管理支出",),
    "227": ("预备费",),
    "229": ("其他支出",),
    "230": ("转移性支出",),
    "231": ("债务还本支出",),
    "232": ("债务付息支出", "债务付息"),
    "233": ("债务发行费用支出",),
    "234": ("抗疫特别国债安排的支出",),
}

# 部门预算支出经济分类 类 as 收支预算总表 names them, 2018+ names and the pre-2018 ones
# the Hubei template still prints (工资福利性支出, 基本建设支出, 其他资本性支出 ...).
ECONOMIC_CLASS_ALIASES: dict[str, tuple[str, ...]] = {
    "301": ("工资福利支出", "工资福利性支出"),
    "302": ("商品和服务支出",),
    "303": ("对个人和家庭的补助", "对个人和家庭补助", "对个人和家庭的补助支出"),
    "304": ("对企事业单位的补贴",),
    "306": ("赠与",),
    "307": ("债务利息及费用支出", "债务利息支出"),
    "308": ("债务还本支出",),
    "309": ("资本性支出（基本建设）", "基本建设支出"),
    "310": ("资本性支出", "其他资本性支出"),
    "311": ("对企业补助（基本建设）",),
    "312": ("对企业补助",),
    "313": ("对社会保障基金补助",),
    "399": ("其他支出",),
}


def label_key(label: str) -> str:
    """Folded form of a class name: no ordinal, no 支出/事务 wording, no 的, no spaces."""
    s = fold(strip_ordinal(unicodedata.normalize("NFKC", label)))
    s = s.replace("支出", "").replace("的", "")
    if s.endswith("事务") and len(s) > 2:
        s = s[:-2]
    return s


def _index(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {label_key(name): code for code, names in aliases.items() for name in names}


_FUNCTION_INDEX = _index(FUNCTION_CLASS_ALIASES)
_ECONOMIC_INDEX = _index(ECONOMIC_CLASS_ALIASES)


_ORDINAL_DEBRIS = CJK_ORDINAL + "、.．"


def _lookup(index: dict[str, str], label: str) -> str | None:
    """``index``'s code for ``label``; failing that, for ``label`` without the numerals and
    separators before it (up to five): an ordinal OCR misread (``四公共安全支出``, its 、 lost;
    ``一一、.一般公共服务支出``, its 一. read twice). Only an exact name is taken, so
    ``一般公共服务`` keeps its 一."""
    code = index.get(label_key(label))
    if code is not None:
        return code
    stripped = unicodedata.normalize("NFKC", label).strip()
    for k in range(1, 6):
        if len(stripped) <= k or not (stripped[k - 1] in _ORDINAL_DEBRIS or stripped[k - 1].isdigit()):
            return None
        code = index.get(label_key(stripped[k:]))
        if code is not None:
            return code
    return None


def function_class_code(label: str) -> str | None:
    """The 功能分类 类 code a printed 类 name stands for (``八.卫生健康`` -> ``210``)."""
    return _lookup(_FUNCTION_INDEX, label)


def economic_class_code(label: str) -> str | None:
    """The 经济分类 类 code a printed name stands for (``6.其他资本性支出`` -> ``310``)."""
    return _lookup(_ECONOMIC_INDEX, label)


_CODE_TOKEN = re.compile(r"^\d{2,7}$")
# A whole code: 类 (3 digits), 款 (5) or 项 (7).
_FULL_CODE = re.compile(r"\d{3}(?:\d{2}){0,2}")


def is_code_part(text: str) -> bool:
    return bool(_CODE_TOKEN.match(text))


class CodeJoiner:
    """Rebuilds full codes from rows that print only their own part.

    Split layouts print ``201 03 50`` on a 项 row but only ``03`` (or ``201 03``) on a 款 row;
    some print only the last part. The last 类 and 款 seen give the missing prefix.
    """

    def __init__(self) -> None:
        self.lei: str | None = None
        self.kuan: str | None = None
        self.x_of: dict[str, float] = {}  # where 类 / 款 / 项 parts sit, learnt from complete rows

    def join(
        self, parts: list[str], slots: list[str | None] | None = None, xs: list[float] | None = None
    ) -> str | None:
        """Full code from the parts printed on one row.

        ``slots`` names the column of each part (类/款/项) when the header says so; ``xs``
        are the parts' x-positions, which place a lone ``02`` under 款 or 项 by where the
        complete rows (``207 01 01``) print theirs.
        """
        if not parts:
            return None
        if xs and len(parts) == 3 and [len(p) for p in parts] == [3, 2, 2]:
            self.x_of.update({"类": xs[0], "款": xs[1], "项": xs[2]})
        elif (
            xs
            and len(parts) == 1
            and len(parts[0]) == 2
            and not (slots and slots[0])
            and "款" in self.x_of
            and "项" in self.x_of
        ):
            level = min(("款", "项"), key=lambda k: abs(self.x_of[k] - xs[0]))
            slots = [level]
        if len(parts) == 1 and len(parts[0]) in (3, 5, 7):
            code: str | None = parts[0]
        elif slots and all(s in ("类", "款", "项") for s in slots):
            named = dict(zip(slots, parts, strict=False))  # a row may print fewer parts than the header names
            lei = named.get("类") or self.lei
            if "项" in named:
                kuan = named.get("款") or (self.kuan[3:] if self.kuan else None)
                code = f"{lei}{kuan}{named['项']}" if lei and kuan else None
            elif "款" in named:
                code = f"{lei}{named['款']}" if lei else None
            else:
                code = named["类"]
        else:
            joined = "".join(parts)
            if len(parts[0]) == 3 and len(joined) in (3, 5, 7):
                code = joined
            elif len(parts) == 1 and len(parts[0]) == 2:
                # A lone 2-digit part: a 款 under the current 类 unless we are inside a 款.
                code = (
                    (self.lei + parts[0])
                    if self.lei and not self.kuan
                    else ((self.kuan + parts[0]) if self.kuan else None)
                )
            elif len(parts) == 2 and all(len(p) == 2 for p in parts) and self.lei:
                code = self.lei + parts[0] + parts[1]
            else:
                code = joined if len(joined) in (3, 5, 7) else None
        if code is None or not _FULL_CODE.fullmatch(code):
            return None  # a part misread (``30`` for ``301`` in an OCR'd 类 column) is no code
        if len(code) == 3:
            self.lei, self.kuan = code, None
        elif len(code) == 5:
            self.lei, self.kuan = code[:3], code
        elif len(code) == 7:
            self.lei, self.kuan = code[:3], code[:5]
        return code
