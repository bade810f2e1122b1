"""Loading the research fixtures (norms, references, literature claims), keyed by slugs.

Every file is read and checked before anything is written, and everything is written in
one transaction: bad data raises :class:`FixtureError` naming the file and the field
(``findings[3].claims[0].source``) and leaves the database as it was. Loading twice
changes nothing: rows are found by their slugs (claims by finding and source eId),
never by primary keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from .models import (
    Annotation,
    Citation,
    ClaimedRelation,
    Finding,
    LocalisationStage,
    Norm,
    NormFamily,
    Reference,
    Stage,
)

FILES = ("references.json", "norms.json", "literature_claims.json")


def fixtures_dir() -> Path:
    return Path(getattr(settings, "RESEARCH_FIXTURES_DIR", Path(settings.BASE_DIR) / "fixtures"))


class FixtureError(ValueError):
    def __init__(self, file: str, where: str, message: str) -> None:
        self.file, self.where, self.message = file, where, message
        super().__init__(f"{file}: {where}: {message}" if where else f"{file}: {message}")


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return ", ".join(f"{n} {name}" for name, n in self.counts.items())


class _Reader:
    """Typed access to one JSON file with errors that say where."""

    def __init__(self, path: Path) -> None:
        self.file = str(path)
        try:
            self.data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise FixtureError(self.file, "", f"cannot read file: {exc.strerror}") from None
        except json.JSONDecodeError as exc:
            raise FixtureError(self.file, f"line {exc.lineno}", f"not valid JSON: {exc.msg}") from None
        if not isinstance(self.data, dict):
            raise FixtureError(self.file, "", "the top level must be an object")

    def fail(self, where: str, message: str) -> FixtureError:
        return FixtureError(self.file, where, message)

    def items(self, obj: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = obj.get(key)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(f"{where}{key}", "must be a list of objects")
        return value

    def entries(self, obj: dict[str, Any], key: str, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
        """Each object of the list ``key`` of ``obj`` (at ``where`` in the file) with its own place, e.g.
        ``families[2]`` or ``families[2].norms[0]``, for error messages."""
        prefix = f"{where}." if where else ""
        for index, item in enumerate(self.items(obj, key, prefix)):
            yield f"{prefix}{key}[{index}]", item

    def text(self, obj: dict[str, Any], key: str, where: str, *, required: bool = True, max_length: int = 0) -> str:
        value = obj.get(key, "")
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", f"must be a string, not {type(value).__name__}")
        value = value.strip()
        if required and not value:
            raise self.fail(f"{where}.{key}", "is required")
        if max_length and len(value) > max_length:
            raise self.fail(f"{where}.{key}", f"is longer than {max_length} characters")
        return value

    def slug(self, obj: dict[str, Any], key: str, where: str) -> str:
        value = self.text(obj, key, where, max_length=80)
        if not all(c.isascii() and (c.isalnum() or c in "-_") for c in value) or value != value.lower():
            raise self.fail(f"{where}.{key}", f"{value!r} is not a slug (lower-case letters, digits, hyphens)")
        return value

    def integer(self, obj: dict[str, Any], key: str, where: str) -> int:
        value = obj.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(f"{where}.{key}", "must be a non-negative whole number")
        return value

    def choice(self, obj: dict[str, Any], key: str, where: str, choices: list[str], *, blank: bool = False) -> str:
        value = self.text(obj, key, where, required=not blank)
        if value and value not in choices:
            raise self.fail(f"{where}.{key}", f"{value!r} is not one of {', '.join(choices)}")
        return value

    def unique_slug(self, obj: dict[str, Any], where: str, seen: set[str]) -> str:
        """The entry's ``slug``, which must not repeat one in ``seen``."""
        value = self.slug(obj, "slug", where)
        self.unique(seen, value, f"{where}.slug")
        return value

    def unique(self, seen: set[Any], value: Any, where: str) -> None:
        if value in seen:
            raise self.fail(where, f"{value!r} appears twice")
        seen.add(value)

    def citations(self, obj: dict[str, Any], where: str, references: set[str]) -> list[tuple[str, str]]:
        result = []
        for here, item in self.entries(obj, "citations", where):
            slug = self.text(item, "reference", here)
            if slug not in references:
                raise self.fail(f"{here}.reference", f"unknown reference {slug!r} (not in references.json)")
            result.append((slug, self.text(item, "locator", here, required=False, max_length=120)))
        return result

    def defined(
        self, obj: dict[str, Any], where: str, *, slug: str, position: int, references: set[str], name_length: int = 200
    ) -> dict[str, Any]:
        """A vocabulary entry (a norm or a stage): name, definition, citations."""
        return {
            "slug": slug,
            "name": self.text(obj, "name", where, max_length=name_length),
            "definition": self.text(obj, "definition", where),
            "citations": self.citations(obj, where, references),
            "position": position,
        }


def _parse(directory: Path) -> dict[str, Any]:
    """Read and check all three files; nothing touches the database."""
    refs = _Reader(directory / "references.json")
    references = []
    slugs: set[str] = set()
    for here, item in refs.entries(refs.data, "references"):
        slug = refs.unique_slug(item, here, slugs)
        year = refs.integer(item, "year", here)
        if not 1000 <= year <= 2999:
            raise refs.fail(f"{here}.year", f"{year} is not a year")
        references.append(
            {
                "slug": slug,
                "authors": refs.text(item, "authors", here, max_length=300),
                "year": year,
                "title": refs.text(item, "title", here),
                "venue": refs.text(item, "venue", here, required=False, max_length=300),
                "volume": refs.text(item, "volume", here, required=False, max_length=40),
                "pages": refs.text(item, "pages", here, required=False, max_length=40),
                "doi": refs.text(item, "doi", here, required=False, max_length=200),
                "url": refs.text(item, "url", here, required=False, max_length=500),
            }
        )

    norms_file = _Reader(directory / "norms.json")
    stages = []
    seen_stages: set[str] = set()
    for i, (here, item) in enumerate(norms_file.entries(norms_file.data, "stages")):
        slug = norms_file.choice(item, "slug", here, list(Stage.values))
        norms_file.unique(seen_stages, slug, f"{here}.slug")
        stages.append(norms_file.defined(item, here, slug=slug, position=i, references=slugs, name_length=60))
    if seen_stages != set(Stage.values):
        missing = ", ".join(sorted(set(Stage.values) - seen_stages))
        raise norms_file.fail("stages", f"missing localisation stage(s): {missing}")
    families = []
    family_slugs: set[str] = set()
    norm_slugs: set[str] = set()
    for i, (here, item) in enumerate(norms_file.entries(norms_file.data, "families")):
        slug = norms_file.unique_slug(item, here, family_slugs)
        asean_way = item.get("asean_way", False)
        if not isinstance(asean_way, bool):
            raise norms_file.fail(f"{here}.asean_way", "must be true or false")
        norms = []
        for j, (there, norm) in enumerate(norms_file.entries(item, "norms", here)):
            norm_slug = norms_file.unique_slug(norm, there, norm_slugs)
            norms.append(norms_file.defined(norm, there, slug=norm_slug, position=j, references=slugs))
        families.append(
            {
                "slug": slug,
                "name": norms_file.text(item, "name", here, max_length=200),
                "description": norms_file.text(item, "description", here, required=False),
                "asean_way": asean_way,
                "position": i,
                "norms": norms,
            }
        )

    claims_file = _Reader(directory / "literature_claims.json")
    findings = []
    finding_slugs: set[str] = set()
    numbers: set[int] = set()
    for here, item in claims_file.entries(claims_file.data, "findings"):
        slug = claims_file.unique_slug(item, here, finding_slugs)
        number = claims_file.integer(item, "number", here)
        claims_file.unique(numbers, number, f"{here}.number")
        norm_list = item.get("norms")
        if not isinstance(norm_list, list) or not all(isinstance(n, str) for n in norm_list):
            raise claims_file.fail(f"{here}.norms", "must be a list of norm slugs")
        for j, norm_slug in enumerate(norm_list):
            if norm_slug not in norm_slugs:
                raise claims_file.fail(f"{here}.norms[{j}]", f"unknown norm {norm_slug!r} (not in norms.json)")
        claims = []
        sources: set[str] = set()
        for there, claim in claims_file.entries(item, "claims", here):
            source = claims_file.text(claim, "source", there)
            treaty, _, eid = source.partition("/")
            if not treaty or not eid or "/" in eid:
                raise claims_file.fail(f"{there}.source", f"{source!r} is not '<instrument>/<eId>'")
            claims_file.unique(sources, source, f"{there}.source")
            relation = claims_file.choice(claim, "relation", there, list(ClaimedRelation.values), blank=True)
            claims.append({"source_treaty": treaty, "source_eid": eid, "claimed_relation": relation})
        if not claims:
            raise claims_file.fail(f"{here}.claims", "a finding needs at least one claim")
        findings.append(
            {
                "slug": slug,
                "number": number,
                "title": claims_file.text(item, "title", here, max_length=300),
                "target": claims_file.slug(item, "target", here),
                "stage": claims_file.choice(item, "stage", here, list(Stage.values), blank=True),
                "norms": norm_list,
                "citations": claims_file.citations(item, here, slugs),
                "rationale": claims_file.text(item, "rationale", here),
                "claims": claims,
            }
        )
    return {"references": references, "stages": stages, "families": families, "findings": findings}


def _upsert(model: type[Any], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    """``update_or_create`` that saves only when something changed (no empty history entries)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj


def _citations(pairs: list[tuple[str, str]], references: dict[str, Reference]) -> list[Citation]:
    return [Citation.objects.get_or_create(reference=references[slug], locator=locator)[0] for slug, locator in pairs]


@transaction.atomic
def load_research(*, directory: Path | None = None) -> LoadReport:
    """Load (or update in place) references, norms, stages and literature claims; see the module docstring."""
    data = _parse(directory or fixtures_dir())
    references = {}
    for item in data["references"]:
        slug = item.pop("slug")
        references[slug] = _upsert(Reference, {"slug": slug}, item)
    for item in data["stages"]:
        stage = _upsert(
            LocalisationStage,
            {"slug": item["slug"]},
            {"name": item["name"], "definition": item["definition"], "position": item["position"]},
        )
        stage.citations.set(_citations(item["citations"], references))
    norms = {}
    for item in data["families"]:
        family = _upsert(
            NormFamily, {"slug": item["slug"]}, {k: item[k] for k in ("name", "description", "asean_way", "position")}
        )
        for entry in item["norms"]:
            norm = _upsert(
                Norm,
                {"slug": entry["slug"]},
                {"family": family, **{k: entry[k] for k in ("name", "definition", "position")}},
            )
            norm.citations.set(_citations(entry["citations"], references))
            norms[norm.slug] = norm
    claim_count = 0
    for item in data["findings"]:
        # numbers are unique: clear a number another finding holds before taking it
        Finding.objects.filter(number=item["number"]).exclude(slug=item["slug"]).update(number=10000 + item["number"])
        finding = _upsert(
            Finding,
            {"slug": item["slug"]},
            {"number": item["number"], "title": item["title"], "target_instrument": item["target"]},
        )
        citations = _citations(item["citations"], references)
        kept = []
        for claim in item["claims"]:
            annotation = _upsert(
                Annotation,
                {"finding": finding, "source_treaty": claim["source_treaty"], "source_eid": claim["source_eid"]},
                {
                    "kind": Annotation.Kind.CLAIM,
                    "origin": Annotation.Origin.LITERATURE,
                    "status": Annotation.Status.PUBLISHED,
                    "comparison": None,
                    "target_instrument": item["target"],
                    "target_eid": "",
                    "claimed_relation": claim["claimed_relation"],
                    "stage": item["stage"],
                    "rationale": item["rationale"],
                },
            )
            annotation.norms.set([norms[slug] for slug in item["norms"]])
            annotation.citations.set(citations)
            kept.append(annotation.pk)
            claim_count += 1
        finding.claims.exclude(pk__in=kept).delete()
    return LoadReport(
        counts={
            "references": len(data["references"]),
            "localisation stages": len(data["stages"]),
            "norm families": len(data["families"]),
            "norms": sum(len(f["norms"]) for f in data["families"]),
            "findings": len(data["findings"]),
            "literature claims": claim_count,
        }
    )
