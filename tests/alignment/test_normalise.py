"""Normalisation: which wordings count as the same, and that the original text survives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comparisons.alignment import normalise


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("The widgets are organised.", "the widgets are organized"),
        ("Labour and harbour", "labor and harbor"),
        ("criminalisation of widgets", "criminalization of widgets"),
        ("co-operation and co-ordination", "cooperation and coordination"),
        ("an offence", "an offense"),
        ("a programme of counselling", "a program of counseling"),
        ("non governmental bodies", "non-governmental bodies"),
        ("the Secretary General", "the Secretary-General"),
        ("Each State Party shall keep a register.", "Each Party shall keep a register."),
        ("States Parties shall meet.", "Parties shall meet."),
        ("under this Protocol", "under this Convention"),
        ("under the present Convention", "under this Agreement"),
        ("victims of trafficking in persons", "victims of trafficking in human beings"),
        ("in accordance with article 5 of this Protocol", "in accordance with Article 12 of the present Convention"),
        ("referred to in paragraph 2 of this article", "referred to in paragraph 4 of this article"),
        ("set forth in subparagraph (a)", "set forth in subparagraph b"),
        (
            "under articles 5, 6, 8 and 23 of this Convention",
            "under Articles 18 and 20, paragraph a, of this Convention",
        ),
        ("in accordance with its internal law", "in accordance with its domestic law"),
        ("his or her consent", "his/her consent"),
        ("“Quoted” words; with—punctuation!", "quoted words with punctuation"),
    ],
)
def test_it_treats_equivalent_wordings_as_equal(left: str, right: str) -> None:
    assert normalise(left).tokens == normalise(right).tokens


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Each Party shall keep a register.", "Each Party may keep a register."),
        ("the receiving State", "the receiving Party"),
        ("this Protocol", "the Protocol"),
        ("otherwise exercise", "otherwize exercize"),
        ("the promise of a widget", "the promize of a widget"),
    ],
)
def test_it_keeps_real_differences(left: str, right: str) -> None:
    assert normalise(left).tokens != normalise(right).tokens


@pytest.mark.parametrize("text", ["", "   ", "—", "(a)", " \n ", "1."])
def test_it_handles_text_without_words(text: str) -> None:
    result = normalise(text)
    assert "".join(atom.text for atom in result.atoms) in ("", text)


def test_it_collapses_a_cross_reference_into_one_atom_with_the_original_words() -> None:
    result = normalise("as set out in article 6, paragraph 1 (a), of this Protocol and more")
    texts = [atom.text for atom in result.atoms]
    assert "article 6, paragraph 1 (a), of this Protocol " in texts
    assert "§ref" in result.tokens


def test_it_accepts_extra_equivalences_as_data() -> None:
    from comparisons.alignment.equivalences import DEFAULT_PHRASE_EQUIVALENCES, DEFAULT_WORD_EQUIVALENCES

    extra = (("gadgets?", "widget"),)
    left = normalise("a gadget", DEFAULT_WORD_EQUIVALENCES, extra + DEFAULT_PHRASE_EQUIVALENCES)
    right = normalise("a widget", DEFAULT_WORD_EQUIVALENCES, extra + DEFAULT_PHRASE_EQUIVALENCES)
    assert left.tokens == right.tokens


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_atoms_reproduce_the_text_exactly(text: str) -> None:
    result = normalise(text)
    if result.atoms:
        assert "".join(atom.text for atom in result.atoms) == text
    else:
        assert result.tokens == ()


@pytest.mark.parametrize(
    "rules",
    [
        (("(a)b", "ab"), (r"(x)\1y", "z")),  # \1 is the second rule's own group, not the first's
        (("(?P<w>a)b", "ab"), (r"(?P<w>x)(?P=w)y", "z")),  # the same group name in two rules
    ],
    ids=["numbered back-reference", "named group"],
)
def test_word_rules_that_refer_to_their_groups_match_as_they_do_alone(rules: tuple[tuple[str, str], ...]) -> None:
    assert normalise("xxy ab", word_rules=rules, phrase_rules=()).tokens == ("z", "ab")


def test_phrase_rules_that_refer_to_their_groups_match_as_they_do_alone() -> None:
    rules = (("(a) b", "ab"), (r"(foo) \1", "twice"))
    assert normalise("foo foo bar a b", word_rules=(), phrase_rules=rules).tokens == ("twice", "bar", "ab")
