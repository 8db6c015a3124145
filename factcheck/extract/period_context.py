"""Context patterns around time expressions: the words that lead into them, and the verbs and
labels that make a date the time something was said or published rather than a figure's period.

Split from ``period_patterns`` (the grammar of the expressions themselves).
"""

from __future__ import annotations

import re

from factcheck.calendar import WEEKDAYS
from factcheck.extract.period_patterns import _NUMBER_WORDS, _Y, _g, _trie, reversed_words

_LEADIN_WORDS = (
    "in during since until till through throughout as of at by for from on over up to toward towards between the "
    "end start beginning close first second third fourth final last past previous preceding recent this next "
    "current coming prior a an one calendar fiscal financial and or same period time".split()
    + list(_NUMBER_WORDS)
)
# The chain is read backwards from the trigger, on the reversed text: one anchored match per
# trigger instead of a search over the text before it.
_LEADIN_REVERSED = reversed_words(_LEADIN_WORDS)
_WEEKDAY_NAMES_REVERSED = reversed_words({*WEEKDAYS, "tues", "thurs"})
LEADIN_REVERSED_RE = re.compile(
    r"(?:(?:[\s,]+|\s*[-–—]\s*)\.?"
    # At most 12 words: real lead-ins have 8 at most ("as of the end of the first eleven"), and the
    # bound keeps a long run of such words ("the the the ...") from making the scan quadratic.
    rf"(?:(?i:{_LEADIN_REVERSED}|{_WEEKDAY_NAMES_REVERSED})|(?:ts|dn|dr|ht)?\d{{1,2}})(?!\w)){{1,12}}"
)
WORD_START_RE = re.compile(r"(?<![\w$€£¥#@/])\w")
# "in 2019 and 2020": the second year of a list, added as its own mention.
YEAR_LIST_RE = re.compile(rf"\s+(?i:and|or|&)\s+{_g('y', _Y)}(?!\s*[-–/]\s*\d)")
# After "of", "for", "by", "from" a year must not be followed by a noun: "a total of 2023 suspects".
NEXT_WORD_RE = re.compile(r"\s+([a-z]+)")
YEAR_FOLLOWERS = frozenset(
    "the a an and or to was were is are had has have with when while as than from in on at by for of that which "
    "who compared versus vs alone but so after before until through amid despite under over against "
    # "the projection for 2023 shows ...": a verb after the year, not a noun it counts.
    "shows showed show suggests suggested indicates indicated puts put stood stands came rose fell reached "
    "this last next each every".split()
)

# -- roles: the words around a day that say it is when something was said, or a document's date --

_SAY = (
    "said says say announced announces stated states noted notes added adds warned warns confirmed confirms "
    "revealed reveals disclosed discloses declared declares explained explains reported reports wrote writes "
    "posted tweeted"
).split() + ["pointed out"]
# Verbs with a person as object before the day: "told reporters", "urged prosecutors nationwide".
_TELL = (
    "told tells briefed briefs informed informs urged urges demanded demands ordered orders asked asks "
    "instructed instructs required requires"
).split() + ["called on", "calls on"]
_HOLD = (
    "held holds hosted hosts convened convenes released releases issued issues published publishes "
    "unveiled unveils delivered delivers presented presents submitted submits"
).split() + ["made public"]
_NOUN = "(?:press\\s+|news\\s+)?" + _trie(
    "conference briefing meeting session statement report notice circular release interview speech address forum "
    "hearing document data figures paper guideline opinion announcement post plenary gathering event".split()
) + "s?"
_DET = _trie("a an the its his her their this that".split())
_PHRASE = rf"\s+{_DET}\s+(?:[\w'’-]+\s+){{0,3}}?{_NOUN}"  # "a (news) conference", "the new figures"
_VENUE = rf"\s+{_trie(['in', 'at', 'during', 'via', 'through', 'on'])}{_PHRASE}"
# What comes right before a day when it is the day something was said: "said (on)", "told
# reporters", "held a press conference", "in a statement". Word lists are tries (see _trie): this
# is searched over the 100 characters before every weekday or day mention.
SPEECH_BEFORE_RE = re.compile(
    rf"\b(?:{_trie(_SAY + _HOLD)}(?:{_PHRASE})?(?:{_VENUE})?"
    # The object is up to three words, none a preposition: "asked for help on Monday" is no speech.
    rf"|{_trie(_TELL)}(?:\s+(?!(?:for|about|to|in|at|from|with|by|of|that|on)\b)[^\W\d][\w'’.-]*){{1,3}}?(?:{_VENUE})?"
    rf"|{_trie(['in', 'at', 'during', 'via', 'through'])}{_PHRASE})\s*,?\s*\Z",
    re.IGNORECASE,
)
# "On 25 Jan., the SPP held a press conference": a clause-opening day, then a speech verb with no
# figure in between (a digit means the clause is about a figure, not an announcement).
SPEECH_AFTER_RE = re.compile(rf"[ \t]*,?[ \t]+(?:[^\d.;!?\n]{{0,80}}?\s)?{_trie(_SAY + _TELL + _HOLD)}(?!\w)", re.IGNORECASE)
PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|be|is|are|am)\s+(?:\w+ly\s+)?\Z", re.IGNORECASE)
# ... unless what was released is a document: "the figures were released on April 8" is speech,
# "12 suspects were released on Sunday" is what happened that day.
DOCUMENT_PASSIVE_RE = re.compile(
    rf"\b{_NOUN}\s+(?:(?:had|has|have)\s+been|was|were|is|are)\s+(?:\w+ly\s+)?\Z", re.IGNORECASE
)
# Words before a date that make it a document's or a rule's date, matched leftwards from the
# mention on the reversed text (one anchored match instead of a search over a window):
# "Updated: Apr 9, 2020", "effective May 1, 2024", "the rules take effect on May 1".
_DATE_LABELS = "updated published posted released issued created modified date dated time".split()
_DATE_CONTEXT = (
    "effective dated starting beginning commencing deadline expire expires".split()
    + [f"{verb} effect" for verb in ("take", "takes", "took", "taking")]
    + [f"{verb} into {what}" for verb in ("come", "comes", "came", "coming") for what in ("force", "effect")]
    + ["deadline is", "valid until", "valid through", "valid till"]
)
DATE_WORDS_BEFORE_REVERSED_RE = re.compile(
    rf"(?:\s*[:：]\s*(?i:{reversed_words(_DATE_LABELS)})|\s+(?i:{reversed_words(_DATE_CONTEXT)}))(?!\w)"
)
# A byline-style label at the head of a line: "Published April 9, 2020", "By X | Updated Apr 9".
DATE_LINE_LABEL_RE = re.compile(
    r"(?:\A|[|·•])\s*(?:(?:first|last)\s+)?(?:updated|published|posted|released|modified|dated?)\s*(?:on|at)?\s*[:：]?\s*\Z",
    re.IGNORECASE,
)
# A dateline: "BEIJING, March 12 (Xinhua) --" or a date alone at the start of a line.
DATELINE_RE = re.compile(r"\A\s*(?:[A-Z][A-Z .'’-]{1,40},\s*)?\Z")
