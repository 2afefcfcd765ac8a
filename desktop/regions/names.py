"""Names as clerks write them: the rules that turn an official unit name into its everyday forms.

三坝纳西族乡 is written 三坝乡 (nationality dropped) and 三坝 (type word dropped); 马山镇 is written 马山.
The rules only produce candidates; whether a short form is unique is decided per county by the caller.
"""
from __future__ import annotations

import re

# The 55 minority nationalities as they appear in unit names (longest first, so 东乡 wins over 乡).
NATIONALITIES = sorted("""蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水
东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂
保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各 民""".split(), key=len, reverse=True)

# Type words of township-level units, longest first (街道办事处 before 街道, 民族乡 handled by the nationality rule).
TYPE_WORDS = ("街道办事处", "街道", "区公所", "地区", "苏木", "镇", "乡")  # 地区: Beijing's 乡-level 地区办事处
COUNTY_TYPE_WORDS = ("自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗")

_NAT = "(?:" + "|".join(NATIONALITIES) + ")族"
_ETHNIC = re.compile(rf"^(?P<stem>.+?)(?P<nat>(?:{_NAT})+)(?P<type>乡|镇|苏木)$")
_SPACE = re.compile(r"[\s\u3000]+")


def clean(text: str) -> str:
    """Spaces (also full-width) removed; what a clerk typed, ready to compare."""
    return _SPACE.sub("", text or "").strip()


def without_nationality(name: str) -> str | None:
    """三坝纳西族乡 → 三坝乡; None when the name carries no nationality (or would become empty)."""
    m = _ETHNIC.match(name)
    if not m or len(m["stem"]) < 1:
        return None
    return m["stem"] + m["type"]


def without_type(name: str) -> str | None:
    """马山镇 → 马山; None when no type word ends the name or too little would remain."""
    for word in TYPE_WORDS:
        if name.endswith(word) and len(name) - len(word) >= 2:
            return name[: -len(word)]
    return None


def core_name(name: str) -> str:
    """Neither nationality nor type word: the part that survives 撤乡设镇 (白塔满族乡 → 白塔)."""
    name = clean(name)
    short = without_nationality(name) or name
    return without_type(short) or short


def short_forms(name: str) -> list[tuple[str, str]]:
    """Every everyday form of an official name with the rule that made it, official name first."""
    out = [(name, "official")]
    nat = without_nationality(name)
    if nat:
        out.append((nat, "nationality"))
    bare = without_type(nat or name)  # 三坝纳西族乡 → 三坝 (never 三坝纳西族)
    if bare:
        out.append((bare, "type"))
    return out


def county_short(name: str) -> str | None:
    """香格里拉市 → 香格里拉, for ledgers that write the county without its type word."""
    for word in COUNTY_TYPE_WORDS:
        if name.endswith(word) and len(name) - len(word) >= 2:
            return name[: -len(word)]
    return None
