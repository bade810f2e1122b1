from django.contrib import admin

from .models import AlignmentRun, Comparison, CuratedDecision, MachineCandidate, MachineLink, UnitEmbedding


@admin.register(Comparison)
class ComparisonAdmin(admin.ModelAdmin):
    list_display = ["slug", "target", "created_at"]
    list_select_related = ["target"]
    filter_horizontal = ["sources"]


@admin.register(AlignmentRun)
class AlignmentRunAdmin(admin.ModelAdmin):
    list_display = ["comparison", "engine_version", "started_at", "counts"]
    list_filter = ["comparison", "engine_version"]
    readonly_fields = ["target_units", "source_units"]


class RunOutputAdmin(admin.ModelAdmin):
    """What a run wrote for a target unit and a source unit: found by either eid, listed with the run's comparison."""

    search_fields = ["target_eid", "source_eid"]
    list_select_related = ["run__comparison"]


@admin.register(MachineLink)
class MachineLinkAdmin(RunOutputAdmin):
    list_display = ["run", "relation", "target_eid", "source_treaty", "source_eid", "score"]
    list_filter = ["relation", "run__comparison"]


@admin.register(MachineCandidate)
class MachineCandidateAdmin(RunOutputAdmin):
    """What a run offered curators for its added and pruned units (read it; accept on the pair page)."""

    list_display = ["run", "side", "target_eid", "source_treaty", "source_eid", "rank", "score"]
    list_filter = ["side", "run__comparison"]


@admin.register(CuratedDecision)
class CuratedDecisionAdmin(admin.ModelAdmin):
    list_display = [
        "comparison",
        "action",
        "relation",
        "target_eid",
        "source_treaty",
        "source_eid",
        "user",
        "created_at",
    ]
    list_filter = ["comparison", "action"]
    search_fields = ["target_eid", "source_eid", "note"]
    readonly_fields = ["created_at"]


@admin.register(UnitEmbedding)
class UnitEmbeddingAdmin(admin.ModelAdmin):
    list_display = ["treaty", "eid", "model_name", "updated_at"]
    list_filter = ["treaty", "model_name"]
    exclude = ["vector"]
