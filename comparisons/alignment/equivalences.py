"""The default equivalence tables: data, not code.

Two kinds of rule, both plain tuples so a comparison can add its own (see
``AlignmentParams.extra_word_equivalences`` / ``extra_phrase_equivalences``):

* WORD rules ``(regex, replacement)`` rewrite one lower-cased word at a time
  (spelling: British/American, -isation/-ization, offence/offense ...).  The regex
  must match the whole word; the replacement may use backreferences.
* PHRASE rules ``(regex, replacement)`` run, in order, over the space-joined word
  keys of a text.  A match always covers whole words; the replacement is one or
  more tokens (or nothing).  Tokens starting with ``§`` are placeholders that no
  real word can produce, so they only ever match each other.

Placeholders: ``§ref`` (a cross-reference to an article/paragraph/subparagraph),
``§self`` ("this Protocol", "the present Convention"), ``§party`` ("State Party",
"States Parties", "Party", "Parties"), ``§subject`` (the instruments' subject:
"trafficking in persons", "trafficking in human beings", "smuggling of migrants").
"""

from __future__ import annotations

WordRule = tuple[str, str]
PhraseRule = tuple[str, str]

# Stems spelt -ise/-isation in British and -ize/-ization in American English.
_IZE_STEMS = (
    "organ|recogn|author|criminal|decriminal|special|victim|revictim|priorit|minim|maxim|"
    "harmon|mobil|real|util|final|legal|penal|summar|standard|character|stabil|central|decentral|"
    "familiar|neutral|sensit|categor|computer|legitim|institutional|international|normal|optim|"
    "rational|regular|social|general|memor|civil|modern|capital|apolog|emphas|subsid|custom|"
    "formal|equal|synchron|global|local|monopol|jeopard|scrutin|stigmat|marginal|individual|"
    "sympath|critic|theor|fertil|steril|hospital|immun|industrial|patron|urban|polar|"
    "sanit|sensation|southern|western|mechan|moral|agon|ostrac|plagiar|terror|vandal"
)
_OUR_STEMS = (
    "lab|behavi|fav|hon|col|endeav|neighb|harb|rum|vig|hum|sav|flav|arm|parl|od|rig|ferv|clam|"
    "splend|tum|vap|val|ard|cand|demean"
)

DEFAULT_WORD_EQUIVALENCES: tuple[WordRule, ...] = (
    (r"(" + _IZE_STEMS + r")is(e|ed|es|ing|er|ers|ation|ations|able)", r"\1iz\2"),
    (r"(\w+)isation(s?)", r"\1ization\2"),
    (r"(anal|paral|catal)ys(e|ed|es|ing)", r"\1yz\2"),
    (r"(" + _OUR_STEMS + r")our(s|ed|ing|able|ably|er|ers|ite|ites|hood|less)?", r"\1or\2"),
    (r"(cent|met|lit|theat|fib|somb|spect|calib|lust|manoeuv)re(s|d)?", r"\1er\2"),
    (r"(off|def|pret|lic)ence(s)?", r"\1ense\2"),
    (r"programme(s|d)?", r"program\1"),
    (r"(judg|acknowledg|abridg|lodg)ement(s)?", r"\1ment\2"),
    (r"(catalog|dialog|analog|monolog|prolog)ue(s)?", r"\1\2"),
    (r"(counse|trave|labe|mode|cance|signa|fue|channe|tota|leve|jewe|quarre|marve|rive)ll(ed|ing|er|ers)", r"\1l\2"),
    (r"fulfil(s|ment)?", r"fulfill\1"),
    (r"enrol(s|ment)?", r"enroll\1"),
    (r"instalment(s)?", r"installment\1"),
    (r"ageing", "aging"),
    (r"whilst", "while"),
    (r"amongst", "among"),
    (r"manoeuvre(s)?", r"maneuver\1"),
    (r"paediatric", "pediatric"),
    (r"grey", "gray"),
    (r"cheque(s)?", r"check\1"),
    (r"towards", "toward"),
)

_NUM = r"(?:\d+|[ivx]{1,5}|[a-z])"
_ITEM = _NUM + r"(?: " + _NUM + r"){0,3}"
_REF_HEAD = r"(?:articles?|paragraphs?|subparagraphs?|sub paragraphs?|chapters?)"
_REF_TAIL = (
    r"(?: of (?:this|the present|the) (?:article|protocol|convention|chapter|agreement|treaty|statute"
    r"(?: of the council of europe)?)| thereof| hereof)?"
)

DEFAULT_PHRASE_EQUIVALENCES: tuple[PhraseRule, ...] = (
    # Hyphen and spacing variants of compounds (hyphens are removed inside words).
    (r"non governmental", "nongovernmental"),
    (r"secretary general", "secretarygeneral"),
    (r"co operation", "cooperation"),
    (r"co ordination", "coordination"),
    (r"bona fidae?", "bonafide"),
    (r"his or her|her or his|his her|her his", "his"),
    (r"him or her|her or him|him her", "him"),
    (r"he or she|she or he|she he|he she", "he"),
    # Titles of the instruments cited in the texts: one token each, so quoting a title
    # (as a relationship clause does) is not mistaken for copying a provision.
    (
        r"(?:the )?protocol to prevent suppress and punish trafficking in persons especially women and children"
        r"(?: supplementing the united nations convention against transnational organized crime)?",
        "§title_tip",
    ),
    (
        r"(?:the )?protocol against the smuggling of migrants by land sea and air"
        r"(?: supplementing the united nations convention against transnational organized crime)?",
        "§title_smuggling",
    ),
    (r"(?:the )?united nations convention against transnational organized crime", "§title_untoc"),
    (
        r"(?:the )?convention for the protection of human rights and fundamental freedoms",
        "§title_echr",
    ),
    # Cross-references: "article 5 of this Protocol", "paragraph 2 of this article",
    # "subparagraph (a)", "articles 5, 6, 8 and 23 of this Convention", "paragraph 1 (a)".
    (
        _REF_HEAD + r" " + _ITEM + r"(?:(?: and| or| to)?(?: " + _REF_HEAD + r")? " + _ITEM + r")*" + _REF_TAIL,
        "§ref",
    ),
    # The instrument referring to itself.
    (r"(?:this|the present) (?:protocol|convention|agreement|treaty)", "§self"),
    # Party wording.
    (r"states parties|state party|parties|party", "§party"),
    # The instruments' subject terms.
    (
        r"trafficking in (?:persons|human beings)|traffic in (?:persons|human beings)"
        r"|(?:the )?smuggling of migrants",
        "§subject",
    ),
    # Law of the party: UN texts say "domestic law", Council of Europe texts "internal law".
    (r"(?:internal|domestic|national) laws?", "domestic law"),
)

# The legal thesaurus of restated sentences (see :mod:`.restatement`): phrase rules over
# normalised tokens that fold words a drafter uses for the same legal idea into one
# concept.  Used only to find restated sentences: never for scores, relations or diffs
# (a diff must still show "private life" where the source said "privacy").
DEFAULT_CONCEPT_EQUIVALENCES: tuple[PhraseRule, ...] = (
    (r"private life", "privacy"),
    (r"physical safety", "safety"),
    (r"repatriation|repatriated|repatriate", "return"),
    (r"judicial|court", "court"),
    (r"perpetrators?|offenders?|traffickers", "offender"),
    (r"children", "child"),
    (r"accommodation|housing", "housing"),
    (r"relatives|members of the family|family members", "family"),
    (r"remain|stay", "stay"),
    (r"jobs|employment|labour market|labor market", "employment"),
)

# Words that carry little meaning for deciding whether two provisions are related:
# they are kept for adopted/modified and for the diff, dropped for scoring.
STOPWORDS: frozenset[str] = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "be",
        "is",
        "are",
        "was",
        "were",
        "been",
        "being",
        "that",
        "which",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "him",
        "he",
        "she",
        "they",
        "them",
        "such",
        "any",
        "all",
        "each",
        "other",
        "shall",
        "may",
        "should",
        "will",
        "would",
        "must",
        "not",
        "no",
        "nor",
        "if",
        "so",
        "than",
        "then",
        "there",
        "where",
        "when",
        "whether",
        "who",
        "whom",
        "whose",
        "also",
        "only",
        "into",
        "upon",
        "under",
        "within",
        "without",
        "between",
        "among",
        "against",
        "through",
        "about",
        "including",
        "inter",
        "alia",
        "have",
        "has",
        "had",
        "do",
        "does",
        # Placeholders for drafting formulas say nothing about which provision was copied.
        "§self",
        "§party",
        "§ref",
    ]
)

# Inflection endings stripped (from words longer than the ending + 3 letters) before
# scoring only, so "attempt"/"attempting" and "offense"/"offenses" count as shared words.
SCORING_SUFFIXES: tuple[str, ...] = ("ing", "ed", "es", "s")

# Systematic changes: what may differ between a source and a target provision that are
# otherwise the same words without changing the norm (see ``../shared/docs/relations.md``
# and :mod:`.systematic`).  Rules ``(kind, regex, replacement)`` run, in order, over the
# space-joined normalised tokens of *both* texts (so after the phrase rules above: "State
# Party" is already ``§party``, "internal law" already "domestic law").  A rule rewrites
# a systematic variant to one canonical form; when the two texts then read the same (up to
# word order inside a change), every change was systematic and the link is *adopted*
# through the kinds whose rules matched differently in the two texts.  A comparison adds
# its own with ``AlignmentParams.extra_systematic_changes``.  ``§defined`` in a pattern
# stands for any term the target instrument defines ("victim" in the CoE Convention).
SystematicRule = tuple[str, str, str]

DEFAULT_SYSTEMATIC_CHANGES: tuple[SystematicRule, ...] = (
    # Trivial synonyms that change no obligation.
    ("synonym", r"set out|contained", "set forth"),
    ("synonym", r"people", "persons"),
    # Of jurisdiction: "the exercise of any jurisdiction established" = "any jurisdiction exercised".
    (
        "synonym",
        r"(?:the )?exercise of ((?:any |the )?(?:criminal )?jurisdiction) (?:established|exercised)",
        r"\1 exercised",
    ),
    ("synonym", r"(jurisdiction) established", r"\1 exercised"),
    # The target's defined term for the subject's victim ("victim" for "victim of trafficking
    # in persons" where the target defines "victim").
    ("defined_term", r"(§defined)(s?) of (?:such )?(?:§subject|trafficking)", r"\1\2"),
    # The instrument's subject in its own words: the Smuggling Protocol's "persons who have
    # been the object of conduct set forth in article 6" for "victims of trafficking in persons".
    (
        "subject_term",
        r"(?:(?:persons?|migrants?) who (?:has|have) been )?(?:the )?object of"
        r" (?:(?:the )?conduct set forth in §ref|§subject)",
        "§subject_person",
    ),
    ("subject_term", r"victims? of (?:such )?(?:§subject|trafficking)", "§subject_person"),
    ("subject_term", r"(?:(?:the )?purposes? of )?(?:the )?conduct set forth in §ref", "§subject"),
    # "offences established in accordance with this Convention" for "... with article 5 of this Protocol".
    ("cross_reference", r"(in accordance with) §self", r"\1 §ref"),
    # Articles and determiners ("a", "the", "those offences" for "the offences", "its").
    ("article", r"a|an|the|those|these|its|their", ""),
    # Singular and plural, and the verb agreeing with them.
    ("plural", r"are", "is"),
    ("plural", r"have", "has"),
    ("plural", r"were", "was"),
    ("plural", r"(\w+)ies", r"\1y"),
    ("plural", r"(\w+[^su\W])s", r"\1"),
)
