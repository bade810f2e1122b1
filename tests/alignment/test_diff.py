"""The word-level diff: exact reconstruction, original words, readable change blocks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from comparisons.alignment import normalise
from comparisons.alignment.diff import word_diff

WORDS = st.sampled_from(
    [
        "Each",
        "Party",
        "State",
        "shall",
        "may",
        "keep",
        "a",
        "register",
        "of",
        "widgets",
        "organised",
        "organized",
        "this",
        "Protocol",
        "Convention",
        "article",
        "5",
        "(a)",
        "—",
        "and",
        "or",
        ",",
        ".",
    ]
)
SPACES = st.sampled_from([" ", "  ", "\n", ", ", "; ", " — "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, max_size=30))
    out = draw(st.sampled_from(["", " ", "\n"]))
    for word in words:
        out += word + draw(SPACES)
    return out


def _sides(source: str, target: str, merge: int = 2) -> tuple[str, str, list[str]]:
    ops = word_diff(normalise(source), normalise(target), merge).ops
    return "".join(op.source for op in ops), "".join(op.target for op in ops), [op.kind for op in ops]


@settings(max_examples=300)
@given(texts(), texts(), st.integers(min_value=0, max_value=4))
def test_equal_and_delete_give_the_source_and_equal_and_insert_the_target(source: str, target: str, merge: int) -> None:
    src, tgt, _ = _sides(source, target, merge)
    assert src == source
    assert tgt == target


@given(st.text(max_size=120), st.text(max_size=120))
def test_reconstruction_holds_for_any_text(source: str, target: str) -> None:
    ops = word_diff(normalise(source), normalise(target)).ops
    assert "".join(op.source for op in ops) == source
    assert "".join(op.target for op in ops) == target
    for op in ops:
        if op.kind == "delete":
            assert op.target == ""
        if op.kind == "insert":
            assert op.source == ""


def test_an_identical_text_is_one_equal_run() -> None:
    text = "Each Party shall keep a register of widgets."
    assert [op.kind for op in word_diff(normalise(text), normalise(text)).ops] == ["equal"]


def test_equal_runs_keep_both_original_spellings() -> None:
    ops = word_diff(normalise("The widgets are organised."), normalise("The widgets are organized.")).ops
    assert len(ops) == 1 and ops[0].kind == "equal"
    assert ops[0].source.endswith("organised.") and ops[0].target.endswith("organized.")


def test_an_inserted_clause_is_one_insertion_and_the_rest_stays_equal() -> None:
    source = "Each Party shall keep a register of widgets and publish it every year."
    target = (
        "Each Party shall, in accordance with its domestic law, keep a register of widgets and publish it every year."
    )
    ops = word_diff(normalise(source), normalise(target)).ops
    assert [op.kind for op in ops] == ["equal", "insert", "equal"]
    assert ops[1].target == "in accordance with its domestic law, "


def test_tiny_equal_runs_between_changes_are_folded_into_one_change() -> None:
    source = "Each Party shall paint the red widgets blue on Mondays."
    target = "Each Party shall polish the old gadgets green on Mondays."
    kinds = [op.kind for op in word_diff(normalise(source), normalise(target), 2).ops]
    assert kinds == ["equal", "delete", "insert", "equal"]
    unfolded = [op.kind for op in word_diff(normalise(source), normalise(target), 0).ops]
    assert len(unfolded) > len(kinds)


def test_renderings_name_the_equal_words_the_normalisation_absorbed_and_nothing_else() -> None:
    source = "Each State Party shall organise the register, Keepers included."
    target = "each Party shall organize the register; keepers included."
    diff = word_diff(normalise(source), normalise(target))
    assert all(op.kind == "equal" for op in diff.ops)
    # Case and punctuation are no difference; party wording and spelling are.
    assert diff.renderings == (("§party", "State Party", "Party"), ("organize", "organise", "organize"))
