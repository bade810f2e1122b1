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
