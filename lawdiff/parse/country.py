"""Which jurisdiction a text belongs to, when the caller does not say (the AKN country code).

Chinese: the national code `cn`, or a province-level unit's own ISO 3166-2:CN code when the
title starts with its name (上海市... -> `cn-sh`).  English and German: what the front
matter names (the EU's institutions, the Bundesgesetzblatt, Congress).
"""

from __future__ import annotations

import re

# Province-level units whose regulations carry their own AKN country code (ISO 3166-2:CN).
PROVINCES = {
    "北京": "cn-bj", "天津": "cn-tj", "上海": "cn-sh", "重庆": "cn-cq", "河北": "cn-he", "山西": "cn-sx",
    "辽宁": "cn-ln", "吉林": "cn-jl", "黑龙江": "cn-hl", "江苏": "cn-js", "浙江": "cn-zj", "安徽": "cn-ah",
    "福建": "cn-fj", "江西": "cn-jx", "山东": "cn-sd", "河南": "cn-ha", "湖北": "cn-hb", "湖南": "cn-hn",
    "广东": "cn-gd", "海南": "cn-hi", "四川": "cn-sc", "贵州": "cn-gz", "云南": "cn-yn", "陕西": "cn-sn",
    "甘肃": "cn-gs", "青海": "cn-qh", "内蒙古": "cn-nm", "广西": "cn-gx", "西藏": "cn-xz", "宁夏": "cn-nx",
    "新疆": "cn-xj",
}


def guess_country(title: str, lang: str) -> str:
    """The country code for a document of language `lang` titled `title`."""
    if lang != "zho":
        return {"deu": "de", "eng": "eu"}.get(lang, "un")
    for name, code in PROVINCES.items():
        if title.startswith(name):
            return code
    return "cn"


def latin_country(front_text: str, lang: str) -> str:
    """The country an English or German text's front matter names; "" when it names none."""
    if re.search(r"\((EU|EC|EEC|Euratom)\)|European Union|European Parliament", front_text):
        return "eu"
    if re.search(r"Bundesgesetzblatt|BGBl|Bundestag|Bundesrat|Grundgesetz", front_text):
        return "de"
    if re.search(r"\bCongress\b|U\.S\.C\.|United States", front_text):
        return "us"
    if lang == "deu":
        return "de"
    return ""
