"""Importing a set of recommendations: a letter pasted as text (sections, the
recommendations as bullets or numbered items, addressee sub-headings such as «ОГО:» or
«Business:», the letter's own addressee line) or a CSV table (section, recommendation,
groups) read into an ImportedText for the organizer to review. Pure: no I/O.

How a text is read:

* A section starts at a heading: a panel, section or session with its number
  («По итогам Панельной дискуссии №1:», «Panel 3», «Recommendations of panel 2:»), a
  Roman-numbered line («II. Digital services»), a numbered line followed by bullets
  («1. Planning»), or a short line ending with a colon that names no addressee. A
  panel's (section's, session's) title is «<unit> <number>: <name>» when the name is
  given, in «…» on the same or the next line(s), after a colon, or alone on the next
  line («Панельная дискуссия №1: Планирование развития регионов с участием граждан и
  ОГО»), else «<unit> <number>»; the unit is named in the nominative (Панельная
  дискуссия, Панель, Секция, Panel, Section…). Other headings are their own text
  without the number, the quotes around it and the closing colon. A text with bullets
  but no heading at all is one section with an empty title (the review step names it).
* A recommendation is a bullet (●, •, -, –, *, ▪ …) or a numbered item («1)», «1.»); it
  runs over the following lines, and past a blank line when the next line starts in
  lower case, up to the next bullet or heading (or a sign-off such as «С уважением»).
  Lines are joined with single spaces; a word broken after a hyphen is rejoined.
* An addressee sub-heading («Бизнес, частный сектор:», «ОГО:», «Donors:»,
  «Recommendations for business:») gives its groups to the recommendations under it,
  up to the next addressee heading or section. The letter's addressee line before the
  first section («ПРЕДСТАВИТЕЛЯМ БИЗНЕС- СТРУКТУР И ОГО», «To business and CSOs») is the
  text's `addressed` groups, which every other recommendation gets; with neither, a
  recommendation's groups stay empty and the review step asks.
* Dropped: the text before the first section (the greeting), except bullets there when
  the text has sections (those are `unplaced`); lead-ins such as «были выработаны
  следующие Рекомендации:»; and the prose after the last recommendation (the closing
  request and thanks). Any other prose paragraph of three words or more inside a
  section is `unplaced`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.domain.recommendations import (
    MAX_SECTION_LENGTH,
    DraftRecommendation,
    DraftSection,
    Group,
    ImportedText,
)

# --- The groups, as words ---------------------------------------------------------------

_GROUP_PATTERNS: dict[Group, tuple[str, ...]] = {
    Group.BUSINESS: (
        r"бизнес\w*(?:\s*-\s*(?:структур|ассоциац|сообществ|сектор|организац|союз|объединен)\w*)?",
        r"частн\w*\s+(?:сектор|бизнес|компани|предприят)\w*",
        r"предпринимател\w*",
        r"предприяти\w*",
        r"компани\w*",
        r"делов\w*\s+(?:круг|сообществ|ассоциац)\w*",
        r"работодател\w*",
        r"(?:the\s+)?private\s+sector",
        r"business(?:es)?(?:\s+(?:community|associations?|sector))?",
        r"compan(?:y|ies)",
        r"employers?",
        r"entrepreneurs?",
        r"corporate\s+sector",
        r"corporations?",
    ),
    Group.CSO: (
        r"\bого\b",
        r"\bнко\b",
        r"\bнпо\b",
        r"(?:организац\w*\s+)?гражданск\w*\s+обществ\w*(?:\s+организац\w*)?",
        r"общественн\w*\s+(?:организац|объединен)\w*",
        r"некоммерческ\w*(?:\s+организац\w*)?",
        r"неправительственн\w*(?:\s+организац\w*)?",
        r"\bcsos?\b",
        r"\bngos?\b",
        r"\bnpos?\b",
        r"civil[\s-]+society(?:\s+organi[sz]ations?)?",
        r"non[\s-]?profits?(?:\s+organi[sz]ations?)?",
        r"non[\s-]?governmental\s+organi[sz]ations?",
        r"community[\s-]+based\s+organi[sz]ations?",
    ),
    Group.GOVERNMENT: (
        r"орган\w*\s+(?:местного\s+самоуправления|государственного\s+управления"
        r"|(?:(?:государственной|местной|исполнительной|муниципальной)\s+)?власти)",
        r"(?:государственн|местн|муниципальн|региональн)\w*\s+(?:орган|администрац|власт)\w*"
        r"(?:\s+власти)?",
        r"госорган\w*",
        r"\bмсу\b",
        r"правительств\w*",
        r"министерств\w*",
        r"ведомств\w*",
        r"акимиат\w*",
        r"хокимият\w*",
        r"мэри\w*",
        r"айыл\w*\s+окмоту",
        r"(?:местн\w*\s+)?кенеш\w*",
        r"администрац\w*",
        r"власт\w*",
        r"государств\w*",
        r"(?:local\s+)?self[\s-]government",
        r"(?:(?:local|national|central|state|regional|municipal)\s+)?governments?",
        r"(?:local|public|state|national|municipal|regional)\s+(?:authorit\w+|bodies|administrations?)",
        r"authorities",
        r"municipalit\w+",
        r"ministr\w+",
        r"public\s+sector",
        r"parliament\w*",
        r"policy[\s-]?makers?",
    ),
    Group.DONOR: (
        r"донор\w*",
        r"международн\w*\s+(?:организац|партнер|сообществ|агентств)\w*",
        r"партнер\w*\s+по\s+развитию",
        r"donors?(?:\s+community)?",
        r"funders?",
        r"international\s+(?:organi[sz]ations?|partners?|community|agencies)",
        r"development\s+partners?",
    ),
    Group.OTHER: (
        r"други\w*(?:\s+(?:заинтересованн\w*\s+)?(?:сторон|участник|организац)\w*)?",
        r"прочи\w*",
        r"\bсми\b",
        r"\bmedia\b",
        r"академ\w*(?:\s+сообществ\w*)?",
        r"academia",
        r"others?(?:\s+stakeholders?)?",
    ),
}
_GROUP_RES = {
    group: re.compile("|".join(f"(?:{p})" for p in patterns))
    for group, patterns in _GROUP_PATTERNS.items()
}

# Words an addressee heading or line may hold besides the groups' names.
_FILLERS = frozenset(
    [
        "и",
        "а",
        "также",
        "для",
        "к",
        "в",
        "на",
        "по",
        "со",
        "от",
        "все",
        "всем",
        "рекомендации",
        "рекомендация",
        "рекомендаций",
        "рекомендуется",
        "представителям",
        "представители",
        "представителей",
        "кому",
        "адресат",
        "адресаты",
        "адресованы",
        "уважаемые",
        "уважаемым",
        "уважаемый",
        "сектор",
        "сектора",
        "структуры",
        "структурам",
        "структур",
        "организации",
        "организациям",
        "организаций",
        "сообщество",
        "сообществу",
        "стороны",
        "ассоциации",
        "ассоциациям",
        "to",
        "for",
        "the",
        "and",
        "of",
        "recommendations",
        "recommendation",
        "addressed",
        "dear",
        "representatives",
        "representative",
        "attention",
        "attn",
        "organizations",
        "organisations",
        "sector",
        "all",
        "a",
        "an",
        "by",
        "from",
        "with",
        "stakeholders",
        "community",
        "communities",
    ]
)
_ADDRESS_START = re.compile(
    r"^(?:представител\w*|уважаем\w*|кому\b|адресат\w*|вниманию\b|to\b|dear\b|attn\b"
    r"|attention\b|for\s+the\s+attention)",
    re.IGNORECASE,
)
_LEAD_IN_WORDS = re.compile(
    r"следующ|ниже|выработ|принят|сформулир|подготов|предлож|направля|following|below"
    r"|were\s+(?:made|adopted|developed|agreed|formulated)|please\s+find|attached"
)
# How a letter's closing starts: it ends an open bullet even without a blank line.
_CLOSING = re.compile(
    r"^(?:с\s+уважением|с\s+наилучшими|best\s+regards|kind\s+regards|regards|sincerely"
    r"|yours|спасибо|благодарим|thank\s+you|thanks|в\s+этой\s+связи|просим|please"
    r"|оргкомитет|organi[sz]ing\s+committee)\b",
    re.IGNORECASE,
)
_NOT_HEADINGS = frozenset(
    {
        "например",
        "в том числе",
        "а именно",
        "в частности",
        "примечание",
        "for example",
        "e.g.",
        "including",
        "namely",
        "in particular",
        "note",
    }
)


def _norm(text: str) -> str:
    return text.lower().replace("ё", "е")


def groups_in(text: str) -> frozenset[Group]:
    """The groups a piece of text names («бизнес, ОГО», «business; cso», «Donors»)."""
    lowered = _norm(text)
    found = {group for group, pattern in _GROUP_RES.items() if pattern.search(lowered)}
    found.update(group for group in Group if re.search(rf"\b{group.value}\b", lowered))
    return frozenset(found)


def _only_groups(text: str) -> frozenset[Group]:
    """The groups text names when it names nothing else but filler words, else none."""
    lowered = _norm(text)
    found: set[Group] = set()
    for group, pattern in _GROUP_RES.items():
        lowered, hits = pattern.subn(" ", lowered)
        if hits:
            found.add(group)
    if not found or any(word not in _FILLERS for word in re.findall(r"\w+", lowered)):
        return frozenset()
    return frozenset(found)


# --- Lines --------------------------------------------------------------------------------

_SYMBOLS = "●•▪◦‣∙■□►▸➢➤✓✔○◆◇·\uf0b7\uf0a7\uf076"
_BULLET = re.compile(rf"^\s*(?:[{_SYMBOLS}]\s*|[-–—*]\s+|\d{{1,3}}\.\s+|\d{{1,3}}\)\s*)(.*)$")
_SYMBOL_BULLET = re.compile(rf"^\s*(?:[{_SYMBOLS}]|[-–—*]\s|\d{{1,3}}\))")
_NUMBERED = re.compile(r"^\s*\d{1,2}\.\s+(\S.*)$")
_ROMAN = re.compile(r"^\s*([IVXLC]{1,7})[.)]\s+(\S.*)$")
_UNIT = re.compile(
    r"^(?:(?:по\s+итогам|по\s+результатам|итоги|результаты|рекомендации"
    r"|recommendations?\s+(?:of|from|by|for)|results\s+of|outcomes?\s+of)\s+(?:the\s+)?)?"
    r"(?P<unit>панельн\w*\s+дискусси\w*|панел\w*|секци\w*|сесси\w*|раздел\w*|блок\w*"
    r"|кругл\w*\s+стол\w*|panel(?:\s+discussion)?|section|session|workshop|round[\s-]?table)"
    r"\s*(?:№|#|no\.?|nr\.?|n°)?\s*(?P<num>\d{1,2}|[ivx]{1,5})\b",
    re.IGNORECASE,
)
_UNIT_LABELS = (
    ("панельн", "Панельная дискуссия №{}"),
    ("панел", "Панель {}"),
    ("секци", "Секция {}"),
    ("сесси", "Сессия {}"),
    ("раздел", "Раздел {}"),
    ("блок", "Блок {}"),
    ("кругл", "Круглый стол №{}"),
    ("panel discussion", "Panel discussion {}"),
    ("panel", "Panel {}"),
    ("section", "Section {}"),
    ("session", "Session {}"),
    ("workshop", "Workshop {}"),
    ("round", "Round table {}"),
)
_QUOTES = {"«": "»", '"': '"', "“": "”", "„": "“"}
_SENTENCE_END = re.compile(r"[.!?…;][»\")]*$")
_SPACES = re.compile(r"\s+")
_TITLE_WORDS = 20
_HEADING_LINES = 4  # a heading or lead-in paragraph is at most this many lines
_PROSE_WORDS = 3  # shorter prose inside a section is dropped, not unplaced


def _squash(parts: Iterable[str]) -> str:
    """Lines joined with single spaces; a word hyphenated over a line break is rejoined."""
    pieces: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if pieces and len(pieces[-1]) > 1 and pieces[-1][-1] == "-" and pieces[-1][-2].isalnum():
            pieces[-1] += part
        else:
            pieces.append(part)
    return _SPACES.sub(" ", " ".join(pieces)).strip()


def _plain(line: str) -> str:
    """A line without Markdown heading marks and bold around it."""
    text = line.strip()
    text = re.sub(r"^#+\s*", "", text)
    text = re.sub(r"^(\*\*|__)(.*?)\1(:?)$", r"\2\3", text)
    text = re.sub(r"^(\*\*|__)(.*?):\1$", r"\2:", text)
    return _SPACES.sub(" ", text).strip()


def _unquoted(title: str) -> str:
    title = title.strip().rstrip(":").strip()
    if len(title) > 1 and _QUOTES.get(title[0]) == title[-1]:
        inner = title[1:-1]
        if title[0] != "«" or _balanced(inner):
            title = inner.strip()
    return _SPACES.sub(" ", title)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "«") - (char == "»")
        if depth < 0:
            return False
    return depth == 0


def _addressee_heading(line: str, *, colon: bool = True) -> frozenset[Group]:
    """The groups of an addressee sub-heading («ОГО:», «Recommendations for business:»)."""
    text = _plain(line)
    if colon and not text.endswith(":"):
        return frozenset()
    body = text.rstrip(":").strip()
    if not body or len(body) > 120 or _BULLET.match(line) or _ADDRESS_START.match(body):
        return frozenset()
    return _only_groups(body)


def _address_line(line: str) -> frozenset[Group]:
    """The groups of a letter's addressee line («ПРЕДСТАВИТЕЛЯМ БИЗНЕС- СТРУКТУР И ОГО»)."""
    text = _plain(line).rstrip(":").strip()
    if not text or len(text) > 200 or _BULLET.match(line):
        return frozenset()
    if _ADDRESS_START.match(text):
        # «Уважаемые участники диалога «Вклад ОГО…»»: a quoted name addresses nobody.
        return groups_in(re.split(r"[«\"“„]", text, maxsplit=1)[0])
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        return _only_groups(text)  # a heading in capitals that names only addressees
    return frozenset()


def _lead_in(text: str) -> bool:
    """A sentence that announces the recommendations («…следующие Рекомендации:»)."""
    lowered = _norm(_plain(text))
    if not lowered.endswith(":") or not re.search(r"рекомендац|recommendation", lowered):
        return False
    if _LEAD_IN_WORDS.search(lowered):
        return True
    return all(word in _FILLERS for word in re.findall(r"\w+", lowered))


def _unit(line: str) -> re.Match[str] | None:
    """A panel / section / session heading with its number, if the line is one."""
    text = _plain(line)
    if len(text) > MAX_SECTION_LENGTH + 60 or _BULLET.match(line):
        return None
    match = _UNIT.match(text)
    if match is None:
        return None
    rest = text[match.end() :].strip()
    if not rest or rest[0] in ":.-–—)" or rest[0] in _QUOTES or text.endswith(":"):
        return match
    return None


def _unit_label(match: re.Match[str]) -> str:
    unit = _norm(_SPACES.sub(" ", match.group("unit")))
    number = match.group("num").upper()
    for stem, label in _UNIT_LABELS:
        if unit.startswith(stem):
            return label.format(number)
    return f"{match.group('unit')} {number}"


def _generic_heading(text: str) -> str | None:
    """The title of a short line (or lines) ending with a colon that is not a sentence."""
    text = _plain(text)
    if not text.endswith(":"):
        return None
    body = text[:-1].strip()
    if (
        not body
        or not (body[0].isupper() or body[0].isdigit() or body[0] in _QUOTES)
        or len(body) > MAX_SECTION_LENGTH
        or len(body.split()) > _TITLE_WORDS
        or re.search(r"[.!?]\s", body)
        or _ADDRESS_START.match(body)
        or _norm(body) in _NOT_HEADINGS
        or _lead_in(text)
    ):
        return None
    return _unquoted(body)


# --- The text parser ------------------------------------------------------------------------


@dataclass
class _Section:
    title: str
    bare: bool = False  # a numbered unit without its name yet
    recs: list[tuple[str, frozenset[Group] | None]] = field(default_factory=list)
    touched: bool = False  # prose or an addressee heading came after the heading


@dataclass
class _Paragraph:
    text: str
    after: int  # recommendations read before it
    in_section: bool


class _TextParser:
    def __init__(self, text: str) -> None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        for char in "\u00a0\u2007\u202f\t":
            text = text.replace(char, " ")
        for char in "\u200b\ufeff":
            text = text.replace(char, "")
        self.lines = [line.rstrip() for line in text.split("\n")]
        self.preamble = _Section("")
        self.sections: list[_Section] = []
        self.addressed: set[Group] = set()
        self.override: frozenset[Group] | None = None
        self.bullet: list[str] | None = None
        self.bullet_override: frozenset[Group] | None = None
        self.prose: list[str] | None = None
        self.paragraphs: list[_Paragraph] = []
        self.total = 0

    @property
    def current(self) -> _Section:
        return self.sections[-1] if self.sections else self.preamble

    # The state's pieces

    def _close_bullet(self) -> None:
        if self.bullet is not None:
            text = _squash(self.bullet)
            if text:
                self.current.recs.append((text, self.bullet_override))
                self.total += 1
        self.bullet = None

    def _close_prose(self) -> None:
        if self.prose:
            self.paragraphs.append(_Paragraph(_squash(self.prose), self.total, bool(self.sections)))
            self.current.touched = True
        self.prose = None

    def _close(self) -> None:
        self._close_bullet()
        self._close_prose()

    def _open_section(self, title: str, *, bare: bool = False, generic: bool = False) -> None:
        self._close()
        self.override = None
        current = self.current
        if generic and self.sections and current.bare and not current.recs and not current.touched:
            current.title = f"{current.title}: {title}"
            current.bare = False
            return
        self.sections.append(_Section(title, bare=bare))

    def _next_filled(self, start: int) -> int | None:
        for index in range(start, len(self.lines)):
            if self.lines[index].strip():
                return index
        return None

    # Headings

    def _heading(self, i: int) -> int | None:
        """Reads a section heading at line i; the index of the line after it, or None."""
        line = self.lines[i]
        match = _unit(line)
        if match is not None:
            return self._unit_section(i, match)
        title = None
        roman = _ROMAN.match(line)
        if roman is not None and len(roman.group(2)) <= MAX_SECTION_LENGTH:
            title = roman.group(2)
        numbered = _NUMBERED.match(line)
        if numbered is not None and self._numbered_heading(i, numbered.group(1)):
            title = numbered.group(1)
        if title is None:
            return None
        groups = _addressee_heading(title) or _addressee_heading(title, colon=False)
        if groups:  # «1. Для бизнеса:» numbers an addressee heading
            self._close()
            self.override = groups
            self.current.touched = True
        else:
            self._open_section(_unquoted(title))
        return i + 1

    def _numbered_heading(self, i: int, text: str) -> bool:
        """«1. Planning» followed by bullets, a quoted name or an addressee heading."""
        if _SENTENCE_END.search(text) or len(text) > MAX_SECTION_LENGTH:
            return False
        after = self._next_filled(i + 1)
        if after is None:
            return False
        following = self.lines[after]
        return bool(
            _SYMBOL_BULLET.match(following)
            or following.strip()[0] in _QUOTES
            or _addressee_heading(following)
        )

    def _unit_section(self, i: int, match: re.Match[str]) -> int:
        label = _unit_label(match)
        text = _plain(self.lines[i])
        rest = text[match.end() :].strip().lstrip(":.-–—)").strip()
        after = i + 1
        name = ""
        remainder = ""
        if rest:
            if rest[0] in _QUOTES:
                name, remainder, after = self._quoted(rest, i + 1)
            else:
                name = _unquoted(rest)
        else:
            nxt = self._next_filled(i + 1)
            if nxt is not None:
                candidate = self.lines[nxt].strip()
                if candidate[0] in _QUOTES and not _BULLET.match(self.lines[nxt]):
                    name, remainder, after = self._quoted(candidate, nxt + 1)
                elif self._title_line(nxt):
                    name, after = _unquoted(_plain(candidate)), nxt + 1
        self._open_section(f"{label}: {name}" if name else label, bare=not name)
        if remainder:
            after = self._after_remainder(remainder, after)
        return after

    def _quoted(self, first: str, start: int) -> tuple[str, str, int]:
        """A name in quotes that may run over lines: (name, text after it, next line)."""
        opening = first[0]
        closing = _QUOTES[opening]
        text, after, taken = first, start, 0
        while True:
            end = self._closing_quote(text, opening, closing)
            if end is not None:
                return _SPACES.sub(" ", text[1:end]).strip(), text[end + 1 :].strip(), after
            nxt = self._next_filled(after)
            if nxt is None or taken >= 4 or _BULLET.match(self.lines[nxt]):
                return _unquoted(first), "", start
            text = _squash([text, self.lines[nxt]])
            after, taken = nxt + 1, taken + 1

    @staticmethod
    def _closing_quote(text: str, opening: str, closing: str) -> int | None:
        if opening == closing:
            end = text.find(closing, 1)
            return end if end > 0 else None
        depth = 0
        for index, char in enumerate(text):
            if char == opening:
                depth += 1
            elif char == closing:
                depth -= 1
                if depth == 0:
                    return index
        return None

    def _after_remainder(self, remainder: str, after: int) -> int:
        """The text after a quoted name: a lead-in (dropped) or the start of prose."""
        parts, index = [remainder], after
        while not parts[-1].endswith(":") and len(parts) < 4 and index < len(self.lines):
            line = self.lines[index]
            if not line.strip() or _BULLET.match(line) or _addressee_heading(line):
                break
            parts.append(line.strip())
            index += 1
        if _lead_in(_squash(parts)):
            return index
        self.prose = [remainder]
        return after

    def _title_line(self, index: int) -> bool:
        """A bare unit heading's name on the next line, without quotes."""
        line = self.lines[index]
        text = _plain(line)
        return bool(text) and not (
            _BULLET.match(line)
            or _unit(line)
            or _ROMAN.match(line)
            or _addressee_heading(line)
            or _addressee_heading(line, colon=False)
            or _lead_in(text)
            or _SENTENCE_END.search(text)
            or re.search(r"[.!?]\s", text)
            or len(text.split()) > _TITLE_WORDS
            or len(text) > MAX_SECTION_LENGTH
            or not (text[0].isupper() or text[0].isdigit())
        )

    # Recommendations

    @staticmethod
    def _tail(bullet: list[str]) -> str:
        """The open bullet's last line with text (all a continuation check needs)."""
        return next((part.strip() for part in reversed(bullet) if part.strip()), "")

    @staticmethod
    def _continues(bullet: list[str], line: str) -> bool:
        """Whether a line after a blank line goes on with the open bullet."""
        text = _TextParser._tail(bullet)
        first = line.strip()[0]
        if not text or first.islower():
            return True
        if _SENTENCE_END.search(text) or first.isupper():
            return False
        return first.isdigit() or first in '(«"“„'

    def _ends_bullet(self, i: int) -> bool:
        """A line right under an open bullet that is a heading rather than its text."""
        line = self.lines[i]
        if _unit(line) or _ROMAN.match(line) or _addressee_heading(line):
            return True
        numbered = _NUMBERED.match(line)
        if numbered is not None and self._numbered_heading(i, numbered.group(1)):
            return True
        text = self._tail(self.bullet or [])
        if not (text and _SENTENCE_END.search(text) and line.strip()[0].isupper()):
            return False
        if _generic_heading(line) is not None or _lead_in(line) or _CLOSING.match(_plain(line)):
            return True
        nxt = self._next_filled(i + 1)
        return (
            nxt is not None
            and bool(_BULLET.match(self.lines[nxt]))
            and bool(_addressee_heading(line, colon=False))
        )

    # The loop

    def parse(self) -> ImportedText:
        i, blank = 0, False
        while i < len(self.lines):
            line = self.lines[i]
            if not line.strip():
                self._close_prose()
                blank, i = True, i + 1
                continue
            if self.bullet is not None:
                if blank and not _BULLET.match(line) and self._continues(self.bullet, line):
                    self.bullet.append(line)
                    blank, i = False, i + 1
                    continue
                if not blank and not _BULLET.match(line) and not self._ends_bullet(i):
                    self.bullet.append(line)
                    i += 1
                    continue
                self._close_bullet()
            blank = False
            i = self._line(i)
        self._close()
        return self._result()

    def _line(self, i: int) -> int:
        """Reads line i (not a bullet's continuation); the index of the next line to read."""
        line = self.lines[i]
        if not self.sections and not self.total and self.bullet is None:
            groups = _address_line(line)
            if groups:
                self._close_prose()
                self.addressed |= groups
                return i + 1
        after = self._heading(i)
        if after is not None:
            return after
        bullet = _BULLET.match(line)
        if bullet is not None:
            self._close()
            self.bullet, self.bullet_override = [bullet.group(1)], self.override
            return i + 1
        groups = _addressee_heading(line)
        if not groups and self.prose is None:
            nxt = self._next_filled(i + 1)
            if nxt is not None and _BULLET.match(self.lines[nxt]):
                groups = _addressee_heading(line, colon=False)
        if groups:
            self._close_prose()
            self.override = groups
            self.current.touched = True
            return i + 1
        if _plain(line).endswith(":") and len(self.prose or []) < _HEADING_LINES:
            paragraph = [*(self.prose or []), line]
            if _lead_in(_squash(paragraph)):
                self.prose = None
                return i + 1
            title = _generic_heading(_squash(paragraph))
            if title is not None:
                self.prose = None
                self._open_section(title, generic=True)
                return i + 1
        if self.prose is None:
            self.prose = []
        self.prose.append(line)  # in place: a long paste stays linear
        return i + 1

    def _result(self) -> ImportedText:
        addressed = frozenset(self.addressed)
        unplaced: list[str] = []

        def draft(section: _Section) -> DraftSection:
            return DraftSection(
                section.title,
                tuple(
                    DraftRecommendation(text, addressed if groups is None else groups)
                    for text, groups in section.recs
                ),
            )

        if self.sections:
            unplaced.extend(text for text, _ in self.preamble.recs)
            sections = [draft(s) for s in self.sections if s.recs]
        else:
            sections = [draft(self.preamble)] if self.preamble.recs else []
        for paragraph in self.paragraphs:
            inside = paragraph.in_section or (not self.sections and paragraph.after > 0)
            if (
                inside
                and paragraph.after < self.total
                and len(paragraph.text.split()) >= _PROSE_WORDS
            ):
                unplaced.append(paragraph.text)
        return ImportedText(tuple(sections), addressed, tuple(unplaced))


def parse_text(text: str) -> ImportedText:
    """The sections, recommendations and addressees of a pasted letter (see the module)."""
    return _TextParser(text).parse()


# --- CSV ------------------------------------------------------------------------------------

_COLUMNS = {
    "recommendation": frozenset(
        [
            "recommendation",
            "recommendations",
            "text",
            "recommendation_text",
            "рекомендация",
            "рекомендации",
            "текст",
        ]
    )
    | {"recommendation text", "текст рекомендации"},
    "groups": frozenset(
        [
            "groups",
            "group",
            "addressees",
            "addressee",
            "to",
            "audience",
            "for",
            "группы",
            "группа",
            "адресаты",
            "адресат",
            "кому",
        ]
    )
    | {"addressed to", "кому адресована"},
    "section": frozenset(
        [
            "section",
            "panel",
            "title",
            "topic",
            "heading",
            "раздел",
            "секция",
            "панель",
            "тема",
            "заголовок",
            "название",
            "сессия",
            "session",
        ]
    )
    | {"section title", "panel title", "название раздела", "панельная дискуссия"},
}
_DELIMITERS = (",", ";", "\t")


def _header(row: list[str]) -> dict[str, int] | None:
    """The columns a header row names, or None when the row is data."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        name = _SPACES.sub(" ", _norm(cell).replace("*", "")).strip(" :")
        for column, names in _COLUMNS.items():
            if column not in found and name in names:
                found[column] = index
                break
    return found if "recommendation" in found else None


def _rows(data: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(data), delimiter=delimiter)
    return [row for row in reader if any(cell.strip() for cell in row)]


def _delimiter(data: str) -> str:
    def score(delimiter: str) -> tuple[int, int, int]:
        rows = _rows(data, delimiter)
        three = sum(len(row) == 3 for row in rows)
        usable = sum(2 <= len(row) <= 3 for row in rows)
        return (three, usable, int(bool(rows) and _header(rows[0]) is not None))

    return max(_DELIMITERS, key=score)


def parse_csv(data: str) -> ImportedText:
    """Recommendations from a table: section, recommendation, groups (comma, semicolon or
    tab separated, with or without a header row naming them in any order). Groups are
    names or words such as «business; cso» or «бизнес, ОГО»; none read leaves them empty.
    A row with an empty section goes on with the section above it; rows of the same
    section are gathered in their order, sections in the order they first appear. A row
    with groups but no recommendation is unplaced; `addressed` stays empty."""
    data = data.lstrip("\ufeff")
    rows = _rows(data, _delimiter(data))
    columns = _header(rows[0]) if rows else None
    if columns is not None:
        rows = rows[1:]
    else:
        width = max((len(row) for row in rows), default=0)
        if width >= 3:
            columns = {"section": 0, "recommendation": 1, "groups": 2}
        elif width == 2:
            columns = {"section": 0, "recommendation": 1}
        else:
            columns = {"recommendation": 0}

    def cell(row: list[str], column: str) -> str:
        index = columns.get(column)
        if index is None or index >= len(row):
            return ""
        return _SPACES.sub(" ", row[index]).strip()

    sections: dict[str, list[DraftRecommendation]] = {}
    unplaced: list[str] = []
    section = ""
    for row in rows:
        section = _unquoted(cell(row, "section")) or section
        text = cell(row, "recommendation")
        groups = cell(row, "groups")
        if text:
            sections.setdefault(section, []).append(DraftRecommendation(text, groups_in(groups)))
        elif groups:
            unplaced.append(" ".join(c.strip() for c in row if c.strip()))
    return ImportedText(
        tuple(DraftSection(title, tuple(recs)) for title, recs in sections.items()),
        frozenset(),
        tuple(unplaced),
    )
