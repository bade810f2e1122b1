"""factory_boy factories for rows that tests need in small numbers."""

from __future__ import annotations

import factory

from treaties.models import Provision, Treaty


class TreatyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Treaty
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"treaty-{n}")
    title = factory.LazyAttribute(lambda o: f"Invented Treaty {o.slug}")
    short_title = factory.LazyAttribute(lambda o: o.slug.upper())
    checksum = "0" * 64


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provision

    treaty = factory.SubFactory(TreatyFactory)
    kind = Provision.Kind.ARTICLE
    eid = factory.Sequence(lambda n: f"art_{n + 1}")
    number = factory.LazyAttribute(lambda o: o.eid.removeprefix("art_"))
    text = "Each Party shall do an invented thing."
    position = factory.Sequence(lambda n: n)


def decide_on(comparison, item, **decision):  # type: ignore[no-untyped-def]
    """A curated decision on the pair of a run's ``MachineLink`` (action, relation, note, user as keywords)."""
    from comparisons.services import record_decision

    return record_decision(
        comparison=comparison,
        target_eid=item.target_eid,
        source_ref=f"{item.source_treaty}/{item.source_eid}",
        **decision,
    )


def imported(directory, text: str, name: str = "treaty.md"):  # type: ignore[no-untyped-def]
    """The treaty a corpus-format ``text`` becomes once written under ``directory`` and imported."""
    from treaties.services import import_file

    path = directory / name
    path.write_text(text, encoding="utf-8")
    return Treaty.objects.get(slug=import_file(path=path).slug)
