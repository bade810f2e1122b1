"""Recording a curator's decision on a comparison that has never been aligned."""

from __future__ import annotations

import pytest

from comparisons.models import CuratedDecision
from comparisons.services import ComparisonError, get_or_create_comparison, record_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def unaligned(corpus):
    return get_or_create_comparison(target="smuggling-protocol", sources=["tip-protocol"])


def test_accepting_a_link_before_any_alignment_is_a_clear_error_not_a_crash(unaligned):
    with pytest.raises(ComparisonError) as raised:
        record_decision(
            comparison=unaligned,
            target_eid="art_6__para_1",
            source_ref="tip-protocol/art_5__para_1",
            action="accept",
            relation="modified",
        )
    assert raised.value.field == "action"
    assert "not been aligned" in raised.value.message
    assert not CuratedDecision.objects.exists()


def test_a_chosen_relation_can_be_recorded_before_any_alignment(unaligned):
    decision = record_decision(
        comparison=unaligned,
        target_eid="art_6__para_1",
        source_ref="tip-protocol/art_5__para_1",
        action="relate",
        relation="modified",
    )
    assert decision.relation == "modified" and decision.diff
