from django.contrib import admin

from .models import Provision, Treaty


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
