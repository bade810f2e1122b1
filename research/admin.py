"""Curators maintain the vocabulary (e.g. a Council of Europe family), the bibliography and annotations here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Annotation, Citation, Finding, LocalisationStage, Norm, NormFamily, Reference


class NormInline(admin.TabularInline):
    model = Norm
    fields = ["slug", "name", "position"]
    extra = 0
    show_change_link = True


class NamedAdmin(admin.ModelAdmin):
    """A norm or a family: its slug, the last part of its URL, is typed from its name."""

    prepopulated_fields = {"slug": ["name"]}


class CitedAdmin(admin.ModelAdmin):
    """What cites the literature (a norm, a localisation stage): its citations are picked from two lists."""

    filter_horizontal = ["citations"]


@admin.register(NormFamily)
class NormFamilyAdmin(NamedAdmin):
    list_display = ["name", "slug", "asean_way", "position"]
    inlines = [NormInline]


@admin.register(Norm)
class NormAdmin(NamedAdmin, CitedAdmin):
    list_display = ["name", "slug", "family"]
    list_filter = ["family"]
    search_fields = ["name", "slug", "definition"]


@admin.register(LocalisationStage)
class LocalisationStageAdmin(CitedAdmin):
    list_display = ["name", "slug", "position"]


@admin.register(Reference)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["slug", "authors", "year", "title"]
    search_fields = ["slug", "authors", "title"]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reference", "locator"]
    list_select_related = ["reference"]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "target_instrument"]


@admin.register(Annotation)
class AnnotationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "comparison", "origin", "status", "stage", "author", "updated_at"]
    list_filter = ["origin", "status", "stage", "kind"]
    list_select_related = ["comparison", "author"]
    search_fields = ["target_eid", "source_eid", "rationale"]
    filter_horizontal = ["norms", "citations"]
    raw_id_fields = ["comparison", "finding", "author"]
