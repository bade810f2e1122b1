"""Small builders for invented instruments (no treaty wording in the repository)."""

from __future__ import annotations

from collections.abc import Sequence

from comparisons.alignment import Instrument, ProvisionIn


def instrument(slug: str, articles: Sequence[Sequence[str] | str], preamble: str = "") -> Instrument:
    """An instrument whose article N has the given numbered paragraphs (or one unnumbered text)."""
    provisions: list[ProvisionIn] = []
    if preamble:
        provisions.append(ProvisionIn("preamble", "preamble", None, "", "Preamble", ""))
        provisions.append(ProvisionIn("preamble__para_1", "paragraph", "preamble", "", "", preamble))
    for number, body in enumerate(articles, start=1):
        art = f"art_{number}"
        if isinstance(body, str):
            provisions.append(ProvisionIn(art, "article", None, str(number), f"Heading {number}", body))
            continue
        provisions.append(ProvisionIn(art, "article", None, str(number), f"Heading {number}", ""))
        for index, text in enumerate(body, start=1):
            provisions.append(ProvisionIn(f"{art}__para_{index}", "paragraph", art, f"{index}.", "", text))
    return Instrument(slug, tuple(provisions))
