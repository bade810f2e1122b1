"""Treaties and their provision trees.

A provision is addressed by its eId (``shared/corpus/README.md``), unique within its
treaty; everything researchers create refers to ``<treaty slug>/<eId>``, never to a
database key, so their work survives re-imports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import models
from django.db.models import Count, Func, Q, Value
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .article_ranges import format_ranges
from .citations import cite
from .parsing import limits


class TreatyQuerySet(models.QuerySet["Treaty"]):
    def with_counts(self) -> TreatyQuerySet:
        def count(kind: str, **extra: object) -> Count:
            return Count("provisions", filter=Q(provisions__kind=kind, **extra))

        return self.annotate(
            article_count=count("article"),
            paragraph_count=count("paragraph", provisions__eid__startswith="art_"),
            subparagraph_count=count("subparagraph"),
            point_count=count("point"),
            # what an excerpt holds ("holds articles 14-15, 18"); a full text needs no list
            excerpt_articles=ArrayAgg("provisions__number", filter=Q(provisions__kind="article", excerpt=True)),
        )


class Treaty(models.Model):
    slug = models.SlugField(max_length=limits.SLUG_MAX, unique=True, help_text="Stable id such as 'untoc'.")
    title = models.TextField()
    short_title = models.CharField(max_length=limits.SHORT_TITLE_MAX, blank=True)
    adopted = models.DateField(null=True, blank=True)
    opened_for_signature = models.DateField(null=True, blank=True)
    entry_into_force = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=limits.LANGUAGE_MAX, default="en")
    metadata = models.JSONField(default=dict, blank=True, help_text="Front matter as imported.")
    source_file = models.CharField(max_length=limits.SOURCE_FILE_MAX, blank=True)
    source_format = models.CharField(max_length=12, default="markdown")
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the imported file.")
    excerpt = models.BooleanField(
        default=False,
        help_text="Holds only some articles of the instrument, numbered as in the full text "
        "(import_treaty --excerpt, or 'excerpt: true' in the front matter).",
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TreatyQuerySet.as_manager()

    class Meta:
        ordering = ["adopted", "slug"]
        verbose_name_plural = "treaties"

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("treaties:treaty_detail", args=[self.slug])

    @property
    def label(self) -> str:
        return self.short_title or self.slug

    def article_numbers(self) -> list[int]:
        """The numbers of the articles this text holds, ascending (annotated by ``with_counts`` for an excerpt)."""
        numbers = getattr(self, "excerpt_articles", None)
        if numbers is None:
            numbers = self.provisions.filter(kind=Provision.Kind.ARTICLE).values_list("number", flat=True)
        return sorted(int(n) for n in numbers if n and n.isdigit())

    @property
    def excerpt_label(self) -> str:
        """``holds articles 14-15, 18`` for an excerpt; "" for a full text."""
        if not self.excerpt:
            return ""
        return f"holds articles {format_ranges(self.article_numbers())}"

    def provision_tree(self) -> list[ProvisionNode]:
        """The whole treaty in one query, as a tree of nodes in document order."""
        return build_tree(self.provisions.order_by("position"))


class ProvisionQuerySet(models.QuerySet["Provision"]):
    def in_order(self) -> ProvisionQuerySet:
        return self.order_by("treaty__slug", "position")

    def search(self, query: str, treaty_slugs: list[str] | None = None) -> ProvisionQuerySet:
        """Ranked full-text matches with highlighted snippets.

        ``snippet`` is PostgreSQL's headline: the provision text, NOT escaped, with ``<mark>`` tags
        around the matches. Render it only through ``Provision.snippet_html``. ``article_heading``
        is the heading of the article (or preamble) a paragraph or subparagraph belongs to, so a
        result can say what it is about.
        """
        tsquery = SearchQuery(query, search_type="websearch", config="english")
        qs = self.filter(search_vector=tsquery).exclude(kind="chapter")
        if treaty_slugs:
            qs = qs.filter(treaty__slug__in=treaty_slugs)
        return (
            qs.select_related("treaty")
            .annotate(
                rank=SearchRank(models.F("search_vector"), tsquery),
                article_heading=models.Subquery(
                    Provision.objects.filter(
                        treaty=models.OuterRef("treaty"),
                        eid=Func(models.OuterRef("eid"), Value("__"), Value(1), function="split_part"),
                    ).values("heading")[:1]
                ),
                snippet=SearchHeadline(
                    "text",
                    tsquery,
                    config="english",
                    start_sel="<mark>",
                    stop_sel="</mark>",
                    max_words=40,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "treaty__slug", "position")
        )


class Provision(models.Model):
    class Kind(models.TextChoices):
        PREAMBLE = "preamble"
        CHAPTER = "chapter"
        ARTICLE = "article"
        PARAGRAPH = "paragraph"
        SUBPARAGRAPH = "subparagraph"
        POINT = "point"
        TESTIMONIUM = "testimonium"

    treaty = models.ForeignKey(Treaty, on_delete=models.CASCADE, related_name="provisions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    eid = models.CharField("eId", max_length=limits.EID_MAX)
    number = models.CharField(
        max_length=limits.NUMBER_MAX, blank=True, help_text="Number label as printed: '1.', '(a)'."
    )
    heading = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="The provision's own text, without its children.")
    position = models.PositiveIntegerField(help_text="Index in document order.")
    source_line = models.PositiveIntegerField(null=True, blank=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("heading", "text", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["treaty", "position"]
        constraints = [models.UniqueConstraint(fields=["treaty", "eid"], name="provision_eid_unique_in_treaty")]
        indexes = [
            models.Index(fields=["treaty", "position"], name="provision_order"),
            GinIndex(fields=["search_vector"], name="provision_search"),
        ]

    def __str__(self) -> str:
        return self.ref

    def get_absolute_url(self) -> str:
        return reverse("treaties:provision_detail", args=[self.treaty.slug, self.eid])

    @property
    def ref(self) -> str:
        """Full citation key ``<treaty slug>/<eId>``."""
        return f"{self.treaty.slug}/{self.eid}"

    @property
    def citation(self) -> str:
        return cite(self.treaty.label, self.eid)

    @property
    def breadcrumb_label(self) -> str:
        """A chapter by its heading, anything else by its citation."""
        return (self.heading or self.citation) if self.kind == "chapter" else self.citation

    @property
    def dom_id(self) -> str:
        return f"provision-{self.eid}"

    @property
    def snippet_html(self) -> SafeString:
        """The ``snippet`` annotated by ``search()`` as HTML: everything escaped, then only the
        ``<mark>``/``</mark>`` highlight tags restored (``ts_headline`` does not escape the text)."""
        escaped = str(escape(getattr(self, "snippet", "")))
        return mark_safe(escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))


@dataclass
class ProvisionNode:
    """A provision with its children, built in Python from one ordered query."""

    provision: Provision
    children: list[ProvisionNode] = field(default_factory=list)

    def walk(self) -> Iterator[ProvisionNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def build_tree(provisions: models.QuerySet[Provision] | list[Provision]) -> list[ProvisionNode]:
    nodes: dict[int, ProvisionNode] = {}
    roots: list[ProvisionNode] = []
    for provision in provisions:
        node = nodes[provision.pk] = ProvisionNode(provision)
        parent = nodes.get(provision.parent_id) if provision.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


class TreatyVersion(models.Model):
    """One imported (or restored) state of a treaty: who, when, from what file, and the whole
    provision tree as it was written, so any version can be compared with another and restored."""

    treaty = models.ForeignKey(Treaty, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(help_text="1 for the first import, then one more per change.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_file = models.CharField(max_length=500, blank=True)
    source_format = models.CharField(max_length=12, blank=True)
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the imported file.")
    metadata = models.JSONField(default=dict, blank=True, help_text="Front matter as imported.")
    #: One object per provision in document order: eid, parent_eid, kind, number, heading, text, line.
    provisions = models.JSONField(default=list)
    restored_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text="Set on a restore."
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["treaty", "-number"]
        constraints = [models.UniqueConstraint(fields=["treaty", "number"], name="treaty_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.treaty_id} v{self.number}"

    @property
    def provision_count(self) -> int:
        return len(self.provisions)


class ImportUpload(models.Model):
    """An uploaded file waiting for its background import job; deleted when the job has read it."""

    name = models.CharField(max_length=500)
    data = models.BinaryField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
