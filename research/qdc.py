"""REFI-QDA codebooks (``.qdc``): read and write, validated against the published Codebook.xsd.

The codebook standard carries codes (GUID, name, isCodable, colour, description, sub-codes)
and sets of codes. normdiff's tag statuses have no attribute of their own, so they travel as
two sets, ``normdiff: proposed`` and ``normdiff: retired``; tools that do not know them show
them as ordinary code groups, and importing them back restores the statuses.

Exchange between QDA tools breaks at the seams (QualCoder#744 a Taguette codebook refused,
#934 accented characters), so reading is lenient where the standard is (a ``{GUID}`` in
braces, a three-digit colour, a byte-order mark) and strict where it is not: any file the
schema rejects is refused with its line and the problem, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from django.conf import settings
from lxml import etree

from .coding_models import TagStatus
from .coding_services import ImportedCode

NS = "urn:QDA-XML:codebook:1.0"
XSD = Path(settings.BASE_DIR) / "fixtures" / "refi-qda" / "Codebook.xsd"
STATUS_SETS = {
    "normdiff: proposed": TagStatus.PROPOSED,
    "normdiff: retired": TagStatus.RETIRED,
}
# Fixed GUIDs for the status sets, so an export is byte-for-byte stable.
STATUS_SET_GUIDS = {
    TagStatus.PROPOSED: "6E4F3A52-7C0B-4D3E-9B57-3A1C2D0E0001",
    TagStatus.RETIRED: "6E4F3A52-7C0B-4D3E-9B57-3A1C2D0E0002",
}


class QdcError(ValueError):
    """A .qdc file that cannot be read: ``line`` (0 when unknown) and the problem."""

    def __init__(self, name: str, line: int, problem: str) -> None:
        self.name, self.line, self.problem = name, line, problem
        super().__init__(f"{name}:{line}: {problem}" if line else f"{name}: {problem}")


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def normal_guid(guid: str) -> str:
    return guid.strip().strip("{}").lower()


def _colour(value: str | None) -> str:
    if not value:
        return ""
    value = value.strip()
    if len(value) == 4:  # "#abc" -> "#aabbcc"
        value = "#" + "".join(c * 2 for c in value[1:])
    return value.lower()


def parse(data: bytes, name: str = "codebook.qdc") -> tuple[list[ImportedCode], str]:
    """The top-level codes of a .qdc file and its ``origin``; :class:`QdcError` for anything invalid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        raise QdcError(name, line, f"not well-formed XML: {exc.msg}") from None
    if root.tag != _q("CodeBook"):
        found = etree.QName(root).localname
        namespace = etree.QName(root).namespace or "no namespace"
        raise QdcError(name, root.sourceline or 0, f"root element is {found} in {namespace}, not CodeBook in {NS}")
    validator = schema()
    if not validator.validate(root):
        error = validator.error_log[0]
        message = error.message.replace(f"{{{NS}}}", "")
        raise QdcError(name, error.line, f"does not follow the REFI-QDA codebook schema: {message}")
    status: dict[str, str] = {}
    sets = root.find(_q("Sets"))
    for member_set in sets if sets is not None else []:
        set_status = STATUS_SETS.get(member_set.get("name", ""))
        for member in member_set.iter(_q("MemberCode")):
            if set_status:
                status[normal_guid(member.get("guid", ""))] = set_status
    seen: dict[str, int] = {}

    def code(element: etree._Element) -> ImportedCode:
        guid = normal_guid(element.get("guid", ""))
        if guid in seen:
            raise QdcError(name, element.sourceline or 0, f"code GUID {guid} repeats the code on line {seen[guid]}")
        seen[guid] = element.sourceline or 0
        description = element.find(_q("Description"))
        return ImportedCode(
            guid=guid,
            name=element.get("name", "").strip(),
            codable=element.get("isCodable") in ("true", "1"),
            colour=_colour(element.get("color")),
            description=(description.text or "").strip() if description is not None else "",
            status=status.get(guid, TagStatus.ACTIVE),
            children=[code(child) for child in element.findall(_q("Code"))],
        )

    codes_element = root.find(_q("Codes"))
    assert codes_element is not None  # the schema requires it
    codes = [code(element) for element in codes_element.findall(_q("Code"))]
    return codes, root.get("origin", "")


def build(codes: Sequence[ImportedCode], origin: str) -> bytes:
    """A .qdc document of ``codes`` (valid against the schema)."""
    root = etree.Element(_q("CodeBook"), nsmap={None: NS}, origin=origin)
    codes_element = etree.SubElement(root, _q("Codes"))
    by_status: dict[str, list[str]] = {}

    def add(parent: etree._Element, code: ImportedCode) -> None:
        guid = code.guid.upper()
        attributes = {"guid": guid, "name": code.name, "isCodable": "true" if code.codable else "false"}
        if code.colour:
            attributes["color"] = code.colour.upper()
        element = etree.SubElement(parent, _q("Code"), attributes)
        if code.description:
            etree.SubElement(element, _q("Description")).text = code.description
        if code.status in STATUS_SET_GUIDS:
            by_status.setdefault(code.status, []).append(guid)
        for child in code.children:
            add(element, child)

    for code in codes:
        add(codes_element, code)
    if by_status:
        sets = etree.SubElement(root, _q("Sets"))
        for set_name, set_status in STATUS_SETS.items():
            if set_status in by_status:
                member_set = etree.SubElement(sets, _q("Set"), guid=STATUS_SET_GUIDS[set_status], name=set_name)
                for guid in by_status[set_status]:
                    etree.SubElement(member_set, _q("MemberCode"), guid=guid)
    schema().assertValid(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
