"""factory_boy factories for rows that tests need in small numbers, and helpers making rows and users via services."""

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


def person_fixture(username: str, role: str, password: str, *, after: str = "db", serve=None):  # type: ignore[no-untyped-def]
    """A fixture (the variable it is assigned to names it): a new user ``username`` in ``role``, made once the
    fixture ``after`` is set up; ``serve(user, that fixture's value)``, a generator, yields what the test gets
    instead of the user (and cleans it up)."""
    import pytest
    from django.contrib.auth.models import User

    from accounts.roles import save_user_with_role

    @pytest.fixture
    def person(request):  # type: ignore[no-untyped-def]
        ready = request.getfixturevalue(after)
        saved, _ = save_user_with_role(username=username, role=role, password=password)
        user = User.objects.get(pk=saved.pk)
        if serve is None:
            yield user
        else:
            yield from serve(user, ready)

    return person


def annotation_on(comparison, item, *, publish_as=None, **fields):  # type: ignore[no-untyped-def]
    """An annotation on a run item's pair (``kind="link"``) or on its source unit alone (``kind="pruned"``): user,
    kind, norms, stage, rationale, citations as keywords; a draft unless ``publish_as`` (a curator) publishes it."""
    from research.services import create_annotation, publish_annotation

    sides = {"source_treaty": item.source_treaty, "source_eid": item.source_eid}
    if fields["kind"] == "link":
        sides["target_eid"] = item.target_eid
    annotation = create_annotation(comparison=comparison, **sides, **fields)
    return publish_annotation(user=publish_as, annotation=annotation) if publish_as else annotation
