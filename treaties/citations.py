"""Human citations derived from eIds alone ("art_8__para_2" -> "art. 8(2)")."""

from __future__ import annotations


def cite_eid(eid: str) -> str:
    if eid == "preamble":
        return "preamble"
    if eid == "testimonium":
        return "testimonium"
    parts = eid.split("__")
    head, rest = parts[0], parts[1:]
    if head == "preamble":
        return "preamble, recital " + rest[0].removeprefix("para_") if rest else "preamble"
    if head.startswith("chp_"):
        return "chapter " + head.removeprefix("chp_")
    text = "art. " + head.removeprefix("art_")
    for part in rest:
        _, _, value = part.partition("_")
        text += f"({value})"
    return text


def cite(short_title: str, eid: str) -> str:
    """``cite("UNTOC", "art_8__para_2")`` -> ``"UNTOC art. 8(2)"``."""
    return f"{short_title} {cite_eid(eid)}"
