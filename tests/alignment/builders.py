"""Small builders for invented instruments (no treaty wording in the repository)."""

from __future__ import annotations

from collections.abc import Sequence

from comparisons.alignment import AlignmentResult, Instrument, Link, ProvisionIn

#: A numbered paragraph: its text, or its chapeau with lettered subparagraphs.
Paragraph = str | tuple[str, Sequence[str]]


def instrument(
    slug: str,
    articles: Sequence[Sequence[Paragraph] | str],
    preamble: str = "",
    headings: Sequence[str] = (),
) -> Instrument:
    """An instrument whose article N has the given numbered paragraphs (or one unnumbered text).

    Article N is headed ``headings[N - 1]`` when given, else "Heading N".
    """
    provisions: list[ProvisionIn] = []
    if preamble:
        provisions.append(ProvisionIn("preamble", "preamble", None, "", "Preamble", ""))
        provisions.append(ProvisionIn("preamble__para_1", "paragraph", "preamble", "", "", preamble))
    for number, body in enumerate(articles, start=1):
        art = f"art_{number}"
        heading = headings[number - 1] if headings else f"Heading {number}"
        if isinstance(body, str):
            provisions.append(ProvisionIn(art, "article", None, str(number), heading, body))
            continue
        provisions.append(ProvisionIn(art, "article", None, str(number), heading, ""))
        for index, paragraph in enumerate(body, start=1):
            para = f"{art}__para_{index}"
            text, items = (paragraph, ()) if isinstance(paragraph, str) else paragraph
            provisions.append(ProvisionIn(para, "paragraph", art, f"{index}.", "", text))
            for letter, item in zip("abcdefgh", items, strict=False):
                provisions.append(
                    ProvisionIn(f"{para}__subpara_{letter}", "subparagraph", para, f"({letter})", "", item)
                )
    return Instrument(slug, tuple(provisions))


def paragraph_vectors(slug: str, *articles: Sequence[Sequence[float]]) -> dict[str, list[float]]:
    """Invented embeddings of the numbered paragraphs of ``instrument(slug, ...)``, by ref: one vector per
    paragraph, article by article (``paragraph_vectors("src", [a1p1, a1p2], [a2p1])``)."""
    return {
        f"{slug}/art_{number}__para_{index}": list(vector)
        for number, paragraphs in enumerate(articles, start=1)
        for index, vector in enumerate(paragraphs, start=1)
    }


def links_from(result: AlignmentResult, target_ref: str) -> tuple[Link, ...]:
    return tuple(link for link in result.links if link.target_ref == target_ref)


def links_to(result: AlignmentResult, source_ref: str) -> tuple[Link, ...]:
    return tuple(link for link in result.links if link.source_ref == source_ref)
