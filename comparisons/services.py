"""Writes for comparisons: running the engine and recording curated decisions.

``run_alignment`` is the only bridge between ORM rows and the pure engine in
``comparisons.alignment``.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from core.errors import FieldError
from treaties.article_ranges import format_ranges
from treaties.models import Provision, Treaty

from . import alignment
from .alignment import ADDED, LINK_RELATIONS, PRUNED, compare_units
from .models import AlignmentRun, Comparison, CuratedDecision, MachineCandidate, MachineLink
from .overlay import ACCEPT, REJECT, PairFields, relation_counts
from .scope import Scope, normalise
from .selectors import comparison_instruments
from .semantic.vectors import alignment_vectors


class ComparisonError(FieldError):
    """Bad input to a comparison service; the message names the field."""


def _treaties(target: str, sources: Sequence[str]) -> tuple[Treaty, list[Treaty]]:
    if not sources:
        raise ComparisonError("sources", "name at least one source instrument")
    if target in sources:
        raise ComparisonError("sources", f"{target!r} cannot be its own source")
    found = {t.slug: t for t in Treaty.objects.filter(slug__in=[target, *sources])}
    missing = [slug for slug in [target, *sources] if slug not in found]
    if missing:
        field = "target" if target in missing else "sources"
        raise ComparisonError(field, f"no imported instrument with id {', '.join(map(repr, missing))}")
    return found[target], [found[s] for s in sources]


def _unique(sources: Sequence[str]) -> list[str]:
    """The sources in the order given, each once (``--sources a a`` is one source)."""
    return list(dict.fromkeys(sources))


def check_scope(*, target: str, sources: Sequence[str], articles: Mapping[str, Sequence[int]] | None) -> Scope:
    """The scope as stored, once every instrument it names is the target or a source and holds every
    article it names (ComparisonError on the field ``articles`` otherwise)."""
    scope = normalise(articles)
    instruments = [target, *sources]
    for slug in scope:
        if slug not in instruments:
            raise ComparisonError("articles", f"{slug!r} is neither the target nor a source ({', '.join(instruments)})")
    held: dict[str, set[int]] = {slug: set() for slug in scope}
    for slug, number in Provision.objects.filter(treaty__slug__in=list(scope), kind=Provision.Kind.ARTICLE).values_list(
        "treaty__slug", "number"
    ):
        if number.isdigit():
            held[slug].add(int(number))
    for slug, numbers in scope.items():
        missing = [n for n in numbers if n not in held[slug]]
        if missing:
            noun = "article" if len(missing) == 1 else "articles"
            holds = format_ranges(held[slug]) or "none"
            raise ComparisonError(
                "articles", f"{slug} has no {noun} {format_ranges(missing)} (it holds articles {holds})"
            )
    return scope


@transaction.atomic
def get_or_create_comparison(
    *, target: str, sources: Sequence[str], articles: Mapping[str, Sequence[int]] | None = None
) -> Comparison:
    """The comparison of ``target`` with ``sources``, read only at ``articles`` (``{id: numbers}``) if given;
    each scope is a comparison of its own."""
    sources = _unique(sources)
    target_treaty, source_treaties = _treaties(target, sources)
    scope = check_scope(target=target, sources=sources, articles=articles)
    comparison, created = Comparison.objects.get_or_create(
        slug=Comparison.slug_for(target, list(sources), scope),
        defaults={"target": target_treaty, "scope": {slug: list(numbers) for slug, numbers in scope.items()}},
    )
    if created:
        comparison.sources.set(source_treaties)
    return comparison


def find_comparison(
    *, target: str, sources: Sequence[str], articles: Mapping[str, Sequence[int]] | None = None
) -> Comparison:
    sources = _unique(sources)
    _treaties(target, sources)
    comparison = Comparison.objects.filter(slug=Comparison.slug_for(target, list(sources), articles)).first()
    if comparison is None:
        scoped = " with that scope" if articles else ""
        raise ComparisonError(
            "target", f"no comparison of {target} with {', '.join(sources)}{scoped} yet: run `align` first"
        )
    return comparison


def engine_params(comparison: Comparison) -> alignment.AlignmentParams:
    """The comparison's parameter overrides, every one of which must be known to the engine."""
    try:
        return alignment.params_from(comparison.params, strict=True)
    except ValueError as error:
        raise ComparisonError("params", str(error)) from None


def _diff_rows(diff: Sequence[alignment.DiffOp]) -> list[list[str]]:
    return [[op.kind, op.source, op.target] for op in diff]


def run_alignment(*, comparison: Comparison) -> AlignmentRun:
    """Align the comparison's instruments afresh and store the run; curated decisions are untouched.

    Unit embeddings are stored first, in their own transactions: a vector computed once is
    kept even if the run itself fails.
    """
    started = timezone.now()
    clock = time.perf_counter()
    treaties = comparison.instruments()
    by_slug = comparison_instruments(comparison)  # only the articles in the comparison's scope
    instruments = [by_slug[t.slug] for t in treaties]
    target, *sources = instruments
    params = engine_params(comparison)
    loaded = time.perf_counter()
    units = [(t, unit) for t, i in zip(treaties, instruments, strict=True) for unit in alignment.build_units(i)]
    vectors, embedding_model = alignment_vectors(units)
    embedded = time.perf_counter()
    result = alignment.align(
        target,
        sources,
        params,
        embeddings=vectors.units if vectors else None,
        heading_embeddings=vectors.headings if vectors else None,
    )
    aligned = time.perf_counter()
    with transaction.atomic():
        return _store_run(
            comparison=comparison,
            result=result,
            params={**asdict(params), "embeddings": embedding_model if vectors is not None else None},
            started=started,
            timings={"load": loaded - clock, "embeddings": embedded - loaded, "engine": aligned - embedded},
        )


def _store_run(
    *,
    comparison: Comparison,
    result: alignment.AlignmentResult,
    params: dict[str, object],
    started: datetime.datetime,
    timings: dict[str, float],
) -> AlignmentRun:
    clock = time.perf_counter()
    run = AlignmentRun.objects.create(
        comparison=comparison,
        engine_version=result.engine_version,
        params=params,
        started_at=started,
        finished_at=started,
        counts={},
        target_units=[u.eid for u in result.units_of(result.target)],
        source_units=[[u.instrument, u.eid] for slug in result.sources for u in result.units_of(slug)],
    )
    items: list[MachineLink] = []
    for link in result.links:
        items.append(
            MachineLink(
                run=run,
                relation=link.relation,
                **_pair_of(link.target_ref, link.source_ref),
                score=round(link.score, 2),
                features=list(link.features),
                evidence=list(link.evidence),
                adopted_through=list(link.adopted_through),
                added_share=link.added_share,
                removed_share=link.removed_share,
                diff=_diff_rows(link.diff),
                position=len(items),
            )
        )
    for ref in result.added:
        items.append(MachineLink(run=run, relation=ADDED, target_eid=ref.partition("/")[2], position=len(items)))
    for ref in result.pruned:
        source_treaty, _, source_eid = ref.partition("/")
        items.append(
            MachineLink(
                run=run, relation=PRUNED, source_treaty=source_treaty, source_eid=source_eid, position=len(items)
            )
        )
    MachineLink.objects.bulk_create(items, batch_size=1000)
    MachineCandidate.objects.bulk_create(_candidates(run, result), batch_size=1000)
    run.counts = relation_counts(items)
    run.timings = {**timings, "store": time.perf_counter() - clock}
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "timings", "finished_at"])
    return run


def _candidates(run: AlignmentRun, result: alignment.AlignmentResult) -> list[MachineCandidate]:
    return [
        MachineCandidate(
            run=run,
            side=candidate.side,
            **_pair_of(candidate.target_ref, candidate.source_ref),
            rank=candidate.rank,
            score=candidate.score,
            evidence=list(candidate.evidence),
            meaning=candidate.meaning,
            shared_words=list(candidate.shared_words),
            position=position,
        )
        for position, candidate in enumerate(result.candidates)
    ]


def _pair_of(target_ref: str, source_ref: str) -> PairFields:
    """The pair two engine refs (``"<slug>/<eId>"``) name."""
    source_treaty, _, source_eid = source_ref.partition("/")
    return PairFields(target_eid=target_ref.partition("/")[2], source_treaty=source_treaty, source_eid=source_eid)


@transaction.atomic
def record_decision(
    *,
    comparison: Comparison,
    target_eid: str,
    source_ref: str,
    action: str,
    relation: str = "",
    note: str = "",
    user: User | AnonymousUser | None = None,
) -> CuratedDecision:
    """Store one curator's decision on a (target unit, source unit) pair, with a diff if it is a new link.

    Accepting a pair the latest run did not link (a candidate) without naming a relation
    takes the relation the engine's classifier gives the pair.
    """
    if action not in CuratedDecision.Action.values:
        raise ComparisonError("action", f"must be one of {', '.join(CuratedDecision.Action.values)}")
    source_treaty, _, source_eid = source_ref.partition("/")
    pair = PairFields(target_eid=target_eid, source_treaty=source_treaty, source_eid=source_eid)
    if source_treaty not in comparison.source_slugs():
        raise ComparisonError("source", f"{source_treaty!r} is not a source of {comparison.slug}")
    units = {slug: alignment.build_units(i) for slug, i in comparison_instruments(comparison).items()}
    target = _unit(units[comparison.target.slug], target_eid, "target")
    source = _unit(units[source_treaty], source_eid, "source")
    if action == REJECT:
        relation = ""
    elif action == ACCEPT:
        # accepting confirms what the machine proposed; a posted relation only counts where
        # the latest run has no such link (changing the relation is a "relate" decision)
        run = comparison.latest_run()
        if run is None:
            raise ComparisonError(
                "action", f"{comparison.slug} has not been aligned yet: there is no machine link to accept"
            )
        machine = run.items.filter(**pair).first()
        relation = machine.relation if machine and machine.relation in LINK_RELATIONS else relation
    # the comparison's units as context: the IDF weights, and so the score, match the machine's
    context = [unit for instrument_units in units.values() for unit in instrument_units]
    link = compare_units(target, source, engine_params(comparison), context=context)
    if action == ACCEPT and not relation:
        relation = link.relation
    if action != REJECT and relation not in LINK_RELATIONS:
        raise ComparisonError("relation", "choose adopted or modified")
    return CuratedDecision.objects.create(
        comparison=comparison,
        **pair,
        action=action,
        relation=relation,
        score=round(link.score, 2),
        diff=_diff_rows(link.diff),
        note=note,
        user=user if user is not None and user.is_authenticated else None,
    )


def record_posted_decision(
    *, comparison: Comparison, posted: Mapping[str, str], user: User | AnonymousUser | None
) -> CuratedDecision:
    """:func:`record_decision` of a decision as the curation form and the API post it
    (``target``, ``source``, ``action``, ``relation``, ``note``)."""
    return record_decision(
        comparison=comparison,
        target_eid=posted["target"],
        source_ref=posted["source"],
        action=posted["action"],
        relation=posted.get("relation", ""),
        note=posted.get("note", ""),
        user=user,
    )


def _unit(units: Sequence[alignment.Unit], eid: str, field: str) -> alignment.Unit:
    """The comparison unit (paragraph, unnumbered article or preamble) ``eid`` among ``units``."""
    for unit in units:
        if unit.eid == eid:
            return unit
    slug = units[0].instrument if units else "the instrument"
    raise ComparisonError(
        field, f"{slug} has no comparison unit {eid!r} in this comparison (link paragraphs or whole articles in scope)"
    )
