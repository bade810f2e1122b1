from django.contrib import admin
from django.http import HttpRequest

from .models import ImportUpload, Provision, Treaty, TreatyVersion


@admin.register(Treaty)
class TreatyAdmin(admin.ModelAdmin):
    list_display = ["slug", "short_title", "adopted", "entry_into_force", "updated_at"]
    search_fields = ["slug", "title", "short_title"]
    readonly_fields = ["checksum", "imported_at", "updated_at"]


@admin.register(Provision)
class ProvisionAdmin(admin.ModelAdmin):
    list_display = ["eid", "treaty", "kind", "number", "heading"]
    list_filter = ["treaty", "kind"]
    search_fields = ["eid", "heading", "text"]
    raw_id_fields = ["parent"]
    list_select_related = ["treaty"]


@admin.register(TreatyVersion)
class TreatyVersionAdmin(admin.ModelAdmin):
    """Read-only: versions are written by imports and restores, never by hand."""

    list_display = ["treaty", "number", "created_at", "created_by", "source_file", "checksum"]
    list_filter = ["treaty"]
    list_select_related = ["treaty", "created_by"]
    exclude = ["provisions"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ImportUpload)
class ImportUploadAdmin(admin.ModelAdmin):
    list_display = ["name", "created_by", "created_at"]
    exclude = ["data"]
