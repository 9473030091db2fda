"""Split the blocks of a technical-assistance part into single needs, with articles from citations or sub-headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines import doubts
from pipelines.articles import ArticleOutOfRange, cited_articles, heading_articles
from pipelines.blocks import COLUMN_HEADER, ENUM, Block, depth_zero, starts_label, successor
from pipelines.headings import RECOMMENDATION, TA_SENTENCE, ta_heading
from pipelines.model import Need

_NEED_WORD = re.compile(
    r"\bneeds?\b|\brequest|\brequir|\bbesoins?\b|\bnecesidad|\bnecesit|\bnécessit|\bsolicit|\bdemand"
    r"|would\s+benefit|would\s+welcome"
    r"|\bidentified\b|\bidentifié|\brecens|\bidentific",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"(?:\bno\b|\bnot\b|n['’]t\b|\bnone\b|\bnever\b|\baucune?\b|\bpas\b|\bningun[ao]?\b|\bningún\b|\bnada\b)",
    re.IGNORECASE,
)
_NEED_NOUN = re.compile(
    r"\bneeds?\b|\bbesoins?\b|\bnecesidad(?:es)?\b|technical\s+assistance|assistance\s+technique|asistencia\s+t[ée]cnica",
    re.IGNORECASE,
)
_NONE_ALONE = re.compile(r"^\s*(?:none|néant|aucun|ninguna?|n/a|not\s+applicable|sans\s+objet)\b[^.]{0,30}\.?\s*$",
                         re.IGNORECASE)
MAX_NO_NEEDS_WORDS = 45
MAX_NO_NEEDS_BACKWARD_WORDS = 25
_REQUIRED = re.compile(r"requir|necessar|nécessaire|necesari|requis|needed|nécessit|necesit", re.IGNORECASE)

_INTRO_WORDS = re.compile(
    r"needs?\b|besoins?|necesidad|assistance|asistencia|following|suivant|siguiente|request|demand|solicit|identif"
    r"|recens|indicat|indiqu|indic[óo]|express|exprim|regard|égard|respecto|relaci[óo]n|relation|concern|(?:with|in)\s+respect"
    r"|in\s+particular|notamment|en\s+particular|include|incluy|compris|as\s+follows|comme\s+suit|a\s+saber",
    re.IGNORECASE,
)
_COMMENTARY = re.compile(
    r"^(?:it\s+(?:should|must)\s+be\s+noted|it\s+was\s+noted|note:|the\s+review(?:ing)?\s+(?:team|experts)"
    r"|il\s+convient\s+de\s+noter|il\s+est\s+à\s+noter|cabe\s+(?:señalar|destacar)|se\s+observa)"
    # A sentence about the needs listed ("The above needs were communicated to UNODC") is not one of them.
    r"|^(?:the\s+(?:above|aforementioned)\s+needs|the\s+needs\s+(?:listed|mentioned|identified)\s+above"
    r"|these\s+needs\s+(?:were|have|are|had)|ces\s+besoins\s+(?:ont|sont|avaient)|les\s+besoins\s+(?:ci-dessus"
    r"|susmentionnés|énumérés\s+ci-dessus)|estas\s+necesidades\s+(?:fueron|han|se)|las\s+necesidades\s+"
    r"(?:anteriores|antes\s+mencionadas|mencionadas|enumeradas))\b"
    r"|^(?:some|all|several|many|most|these|the\s+above|certain|quelques-uns|certains|plusieurs|ces|algunas|estas"
    r"|varias)\b[^.]{0,60}\b(?:are|is|were|have\s+been|has\s+been|sont|ont\s+été|están|son|han\s+sido)\s+"
    r"(?:already\s+|currently\s+|déjà\s+|ya\s+)?(?:being\s+)?(?:addressed|provided|met|covered|pris|satisfaits"
    r"|en\s+cours|atendid|cubiert|prestad)"
    # A sentence whose subject is the needs or the assistance named ("All of the needs mentioned above relate to ...",
    # "The technical assistance identified would contribute to ...", "Ces besoins concernent ...").
    r"|^(?:(?:all|some|most|each|both|many|several|tous|toutes|l['’]ensemble|la\s+plupart|todas|algunas|la\s+mayor[íi]a)"
    r"\s+(?:of\s+)?(?:de\s+|d['’])?)?(?:the|these|those|such|this|ces|ces|les|la|le|cette|estas|esas|las|la|dichas|tales)?"
    r"\s*(?:above\s+|aforementioned\s+|said\s+)?(?:technical\s+)?(?:needs?|assistance|besoins?|necesidades|asistencia)"
    r"(?:\s+(?:technique|t[ée]cnica))?"
    # "The technical assistance needs", "Les besoins d'assistance technique", "Las necesidades de asistencia técnica".
    r"(?:\s+needs?|\s+(?:d['’]|en\s+(?:mati[èe]re\s+d['’])?)assistance(?:\s+technique)?|\s+de\s+asistencia(?:\s+t[ée]cnica)?"
    r"|\s+for\s+(?:technical\s+)?assistance)?(?:\s+(?:mentioned|listed|identified|above|described|requested|ci-dessus|susmentionn[ée]e?s?"
    r"|recens[ée]e?s?|identifi[ée]e?s?|[ée]num[ée]r[ée]e?s?|mencionadas?|señaladas?|identificadas?|enumeradas?|detectadas?"
    r"|anteriores|solicitadas?|demand[ée]e?s?)){0,2}\s+(?:is|are|was|were|would|will|relate[sd]?|concerns?|concerned"
    r"|should|could|may|might|have|has|aim|seek|target|concerne(?:nt|rait|raient)?|sont|serai(?:en)?t|seront|ont|vise(?:nt)?"
    r"|pourrai(?:en)?t|permettrai(?:en)?t|contribuerai(?:en)?t|est|[ée]tai(?:en)?t|son|ser[íi]an?|fueron|est[áa]n|se\s+refieren"
    r"|se\s+relacionan|contribuir[íi]an?|permitir[íi]an?|tienen|buscan|apuntan)\b"
    # ... unless the sentence asks for it: "Assistance is required to draft ...".
    r"(?!\s+(?:also\s+)?(?:be\s+)?(?:required|needed|necessary|requested|sought|welcome|n[ée]cessaires?|requises?"
    r"|sollicit[ée]e?s?|necesari[ao]s?|requerid[ao]s?|solicitad[ao]s?))",
    re.IGNORECASE,
)
# A sentence on assistance already received or under way reports a fact; it is not a need.
_RECEIVED = re.compile(
    r"\b(?:has|had|have)\s+(?:already\s+)?(?:received|benefited|benefitted|been\s+receiving)\b"
    r"|\b(?:is|was|are|were)\s+(?:already\s+|currently\s+|now\s+)?(?:receiving|benefiting|benefitting)\b"
    r"|\b(?:is|was|are|were)\s+(?:already\s+|currently\s+)?being\s+(?:addressed|met|provided|covered|delivered"
    r"|supported|implemented)\b"
    r"|\ba\s+(?:déjà\s+)?(?:reçu|bénéficié)\b"
    r"|\b(?:reçoit|recevait|reçoivent|recevaient|bénéficie|bénéficiait|bénéficient|bénéficiaient)\s+(?:déjà|actuellement)\b"
    r"|\b(?:reçoit|recevait|reçoivent|recevaient|bénéficie|bénéficiait|bénéficient|bénéficiaient)\s+(?:d['’]|de\s+l['’]"
    r"|de\s+la\s+|du\s+|des\s+)?(?:une\s+|un\s+)?(?:assistance|appui|aide|soutien|concours)"
    r"|\b(?:déjà|actuellement)\s+(?:pris(?:es)?\s+en\s+charge|en\s+cours\s+de\s+(?:traitement|satisfaction))"
    r"|\b(?:sont|étaient|est|était)\s+(?:pris(?:es)?\s+en\s+charge|en\s+cours\s+de\s+traitement)\b"
    r"|\b(?:ha|han|había|habían)\s+(?:ya\s+)?(?:recibido|contado\s+con|beneficiado)\b|\brecibió\b"
    r"|\b(?:está|estaba|están|estaban)\s+(?:ya\s+|actualmente\s+)?recibiendo\b"
    r"|\bya\s+(?:recibe|recibía|reciben|recibían)\b"
    r"|\b(?:recibe|recibía|reciben|recibían)\s+(?:ya\s+|actualmente\s+)?(?:asistencia|apoyo|ayuda)"
    r"|\bse\s+(?:está|están|estaba|estaban)\s+(?:ya\s+)?(?:atendiendo|abordando|cubriendo)"
    r"|\b(?:está|estaba|están|estaban)\s+(?:ya\s+)?siendo\s+(?:atendid|abordad|cubiert)\w*"
    # Needs said to be covered already or in part: "were already covered with the support of", "étaient déjà
    # couverts", "ya estaban cubiertas".
    r"|\b(?:is|was|are|were|have\s+been|has\s+been|had\s+been)\s+(?:already|partly|partially|currently|now|in\s+part)"
    r"\s+(?:being\s+)?(?:covered|met|addressed|funded|financed|provided|supported)\b"
    r"|\b(?:est|était|sont|étaient|ont\s+été|avaient\s+été|a\s+été|avait\s+été)\s+(?:déjà|actuellement|en\s+partie"
    r"|partiellement)\s+(?:couvert|satisfait|financ|pris\s+en\s+charge|appuy|soutenu|trait)\w*"
    r"|\b(?:está|estaba|están|estaban|fue|fueron|ha\s+sido|han\s+sido|habían\s+sido)\s+(?:ya|actualmente|en\s+parte"
    r"|parcialmente)\s+(?:cubiert|atendid|financiad|abordad|apoyad|satisfech)\w*"
    r"|\bya\s+(?:está|estaba|están|estaban|fue|fueron|han\s+sido)\s+(?:cubiert|atendid|financiad|abordad|satisfech)\w*",
    re.IGNORECASE,
)
# A sentence about the State ("X indicated that ...") that names support from a partner reports assistance received.
_REPORTED_SUPPORT = re.compile(
    r"\b(?:indicated|noted|stated|reported|explained|informed|mentioned|a\s+indiqu[ée]|a\s+signal[ée]|a\s+précisé"
    r"|a\s+fait\s+savoir|indic[óo]|señal[óo]|inform[óo]|manifest[óo])\b.*\b(?:with\s+the\s+(?:support|assistance|help)\s+of"
    r"|avec\s+l['’](?:appui|aide|assistance)\s+d|avec\s+le\s+(?:soutien|concours)\s+d|con\s+(?:el|la)\s+(?:apoyo"
    r"|respaldo|asistencia|ayuda)\s+de)",
    re.IGNORECASE,
)
_INLINE_ENUM = re.compile(r"(?:(?<=^)|(?<=[\s;:,]))\(?(?P<label>[a-z]|[ivx]{1,4}|\d{1,2})\)\s+(?=\S)", re.IGNORECASE)
_CITATION_TAIL = re.compile(
    r"(?:paras?\.|paragraphs?|par\.|al\.|p[áa]rrs?\.|p[áa]rrafos?|arts?\.|articles?|art[íi]culos?|\d)\s*"
    r"(?:\(\w+\)\s*)*(?:,|and|et|y|or|ou|o)?\s*$",
    re.IGNORECASE,
)
_LEADING_CONJUNCTION = re.compile(r"^(?:and/or|and also|and|et|y|e)(?:\s+|$)", re.IGNORECASE)
_TRAILING = re.compile(r"(?:[\s;,.:]+|\s+(?:and|et|y|e|and/or))+$", re.IGNORECASE)
_ARTICLE_LABEL = re.compile(r"^(?P<label>(?:arts?\b\.?|articles?\b|art[íi]culos?\b)[^:–—;]{1,40}?)\s*[:–—]\s*",
                            re.IGNORECASE)
# A block that stops on a word, not on a stop, a bracket or "; and": cut at a line end if its neighbours are not.
_OPEN_END = re.compile(r"[^\W_][-,]?\s*$")
_LIST_AND = re.compile(r"[;,]\s*(?:and|et|or|ou|y|o|e)\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\s+(?=[\"“«¿¡(]?[A-ZÀ-Ý])")


def _received(text: str) -> bool:
    """Whether a sentence reports assistance already received or under way rather than asking for it."""
    return _RECEIVED.search(text) is not None or _REPORTED_SUPPORT.search(text) is not None


def _inline_markers(text: str) -> list[int]:
    """Start positions of an inline enumeration "(a) ...; (b) ..." that runs in sequence from its first label."""
    markers: list[tuple[int, str]] = []
    for match in _INLINE_ENUM.finditer(text):
        if _CITATION_TAIL.search(text[max(0, match.start() - 25): match.start()]):
            continue
        label = match.group("label").lower()
        if not markers:
            if starts_label(label):
                markers.append((match.start(), label))
        elif successor(markers[-1][1], label):
            markers.append((match.start(), label))
    return [position for position, _ in markers] if len(markers) >= 2 else []


def _elements(text: str) -> list[tuple[int, str]]:
    """Split a list text into (offset, element) by inline enumerators or semicolons, trimmed."""
    markers = _inline_markers(text)
    if markers:
        cuts = markers
        pieces = [(start, text[start:end]) for start, end in zip(cuts, cuts[1:] + [len(text)], strict=False)]
    else:
        bounds = [-1] + depth_zero(text, ";") + [len(text)]
        pieces = [(start + 1, text[start + 1: end]) for start, end in zip(bounds, bounds[1:], strict=False)]
    elements = []
    for offset, piece in pieces:
        stripped = piece.lstrip()
        offset += len(piece) - len(stripped)
        cleaned = _LEADING_CONJUNCTION.sub("", stripped)
        enum = ENUM.match(cleaned) or re.match(r"^\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s*", cleaned, re.IGNORECASE)
        if enum:
            cleaned = cleaned[enum.end():]
        cleaned = _LEADING_CONJUNCTION.sub("", cleaned.strip())
        cleaned = _TRAILING.sub("", cleaned).strip()
        if cleaned and re.search(r"\w", cleaned):
            elements.append((offset + max(0, stripped.find(cleaned[:12])), cleaned))
    return elements


def _colon_split(text: str) -> int | None:
    """Position of the colon that ends an intro ("Kenya identified the following needs: ..."), else None."""
    positions = depth_zero(text, ":")
    if not positions:
        return None
    position = positions[0]
    if _INTRO_WORDS.search(text[:position]):
        return position
    return None


def no_needs_statement(text: str) -> str | None:
    """The sentence saying no technical-assistance needs were identified, when text holds one."""
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        if _NONE_ALONE.match(sentence):
            return sentence.strip()
        if len(sentence.split()) > MAX_NO_NEEDS_WORDS or ":" in sentence:
            continue
        for negation in _NEGATION.finditer(sentence):
            window = sentence[negation.start(): negation.start() + 120]
            if _NEED_NOUN.search(window) and (
                _NEED_WORD.search(sentence) or re.search(r"besoin|necesidad|need", window, re.IGNORECASE)
            ):
                return sentence.strip()
        # "Technical assistance would not be required": the negation comes after what is needed.
        if (len(sentence.split()) <= MAX_NO_NEEDS_BACKWARD_WORDS and _NEGATION.search(sentence)
                and _NEED_NOUN.search(sentence) and _REQUIRED.search(sentence)):
            return sentence.strip()
    return None


@dataclass
class _Context:
    """Article sub-heading and intro in force while reading a part."""

    heading: str | None = None
    heading_articles: list[int] = field(default_factory=list)
    intro: str | None = None
    intro_articles: list[int] = field(default_factory=list)
    used: int = 0

    def set_heading(self, text: str, articles: list[int]) -> None:
        self.heading, self.heading_articles = text.rstrip(" :"), articles
        self.intro, self.intro_articles = None, []
        self.used = 0

    def set_intro(self, text: str, paragraph: bool = False) -> None:
        # A paragraph introducing a new list after the needs of a sub-heading starts afresh, outside that heading.
        if paragraph and self.used:
            self.heading, self.heading_articles = None, []
        articles = cited_articles(text)
        self.intro, self.intro_articles = (text.rstrip(" :"), articles) if articles else (None, [])

    def inherited(self) -> tuple[list[int], str | None]:
        if self.intro_articles:
            return self.intro_articles, self.intro
        return self.heading_articles, self.heading


def read_blocks(blocks: list[Block], chapter: int, stop_after_items: bool) -> tuple[list[Need], str | None]:
    """Needs and no-needs sentence of the blocks of one part, with articles from citations or sub-headings."""
    needs: list[Need] = []
    statement: str | None = None
    context = _Context()

    read: list[tuple[Need, str, bool, bool]] = []
    items_seen = False

    def add(block: Block, text: str, base: int) -> None:
        nonlocal items_seen
        added = []
        ended = _OPEN_END.search(block.text) is None or _LIST_AND.search(block.text) is not None
        for offset, element in _elements(text):
            if COLUMN_HEADER.match(element):
                continue  # the header row of a table of needs ("Article | Technical assistance needs")
            source = block.line_at(base + offset)
            try:
                articles = cited_articles(element)
            except ArticleOutOfRange as exc:
                exc.location = source.location
                raise
            if articles:
                source_kind, heading = "cited", context.inherited()[1]
            else:
                articles, heading = context.inherited()
                source_kind = "heading" if articles else "none"
            need = Need(
                chapter=chapter, text=element, articles=articles, article_source=source_kind, heading=heading,
                ordinal=len(needs) + 1, page=source.page, paragraph=source.number, location=source.location,
            )
            span = block.lines_between(base + offset, base + offset + len(element))
            opens = not re.search(r"\w", block.text[:base + offset])
            doubts.add(need, *doubts.text_flags(element, span, opens))
            needs.append(need)
            added.append(need)
            read.append((need, block.kind, ended, items_seen and block.kind != "item"))
            context.used += 1
        doubts.list_flags(added)
        items_seen = items_seen or (block.kind == "item" and bool(added))

    def add_under_label(block: Block, text: str, base: int, label: re.Match) -> None:
        # "Article 9: a; b" or "Article 9: a": the label heads every need of its own list, like a sub-heading.
        saved = (context.heading, context.heading_articles, context.intro, context.intro_articles)
        context.set_heading(label.group("label"), heading_articles(label.group("label")) or [])
        add(block, text[label.end():], base + label.end())
        context.heading, context.heading_articles, context.intro, context.intro_articles = saved

    for index, block in enumerate(blocks):
        text = block.text.strip()
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind == "subheading":
            context.set_heading(text, block.articles or [])
            continue
        if block.kind == "item":
            text = _without_closing_remark(text)
            # A numbered paragraph ("5. Jamaica did not identify any ...") reads as an item: the sentences that are
            # never needs are recognised here too.
            found = no_needs_statement(text)
            if found:
                statement = statement or found
                continue
            if _COMMENTARY.match(text) or RECOMMENDATION.match(text) or _received(text):
                continue
            if text.endswith(":"):
                context.set_intro(text)
                continue
            colon = _colon_split(text)
            label = _ARTICLE_LABEL.match(text)
            # "6. Kazakhstan identified the following needs: (a) training ...;" with (b) on the next item: the
            # words before the colon introduce the list even when one element follows the colon.
            opens_list = (colon is not None and following is not None and following.kind == "item"
                          and _INTRO_WORDS.search(text[:colon]) is not None)
            if colon is not None and (len(_elements(text[colon + 1:])) > 1 or opens_list):
                context.set_intro(text[:colon])
                add(block, text[colon + 1:], colon + 1)
            elif label and heading_articles(label.group("label")) and _elements(text[label.end():]):
                add_under_label(block, text, 0, label)
            else:
                add(block, text, 0)
            continue
        if stop_after_items and index > 0:
            # "The following needs were identified:" then "No needs were identified.": the intro announced nothing.
            found = None if needs or statement else no_needs_statement(text)
            statement = statement or found
            break
        units = _units(text)
        if stop_after_items:
            # Without a heading the part is the sentence naming the needs (and any list under it), nothing around it,
            # but for a no-needs sentence right after it.
            named = [position for position, unit in enumerate(units) if TA_SENTENCE.search(unit[1])][:1] or [0]
            after = units[named[0] + 1: named[0] + 2]
            units = units[named[0]: named[0] + 1] + [unit for unit in after if no_needs_statement(unit[1])]
        for position, (base, unit) in enumerate(units):
            last = position == len(units) - 1
            if ta_heading(unit)[0] and not ta_heading(unit)[1]:
                continue
            found = no_needs_statement(unit)
            if found:
                statement = statement or found
                continue
            if _COMMENTARY.match(unit) or RECOMMENDATION.match(unit) or _received(unit):
                continue
            if unit.endswith(":"):
                context.set_intro(unit, paragraph=True)
                continue
            label = _ARTICLE_LABEL.match(unit)
            if label and heading_articles(label.group("label")) and _elements(unit[label.end():]):
                # "Article 20: legal advice; model legislation." run in a paragraph: the label heads its own list.
                add_under_label(block, unit, base, label)
                continue
            colon = _colon_split(unit)
            if colon is not None:
                context.set_intro(unit[:colon], paragraph=True)
                add(block, unit[colon + 1:], base + colon + 1)
                continue
            if last and following is not None and following.kind == "item" and _INTRO_WORDS.search(unit):
                context.set_intro(unit, paragraph=True)
                continue
            add(block, unit, base)
    doubts.block_flags(read)
    return needs, statement


def _without_closing_remark(text: str) -> str:
    """An item without a last sentence that comments on the needs ("The above needs were communicated to UNODC"),
    which a layout can run on into the last item of a list."""
    starts = _sentence_starts(text)
    if len(starts) < 2:
        return text
    remark = text[starts[-1]:]
    if _COMMENTARY.match(remark) or _received(remark):
        return text[:starts[-1]].rstrip()
    return text


def _sentence_starts(text: str) -> list[int]:
    """Offsets where the sentences of a paragraph start, 0 first; a full stop inside brackets ends none."""
    depth = 0
    starts = [0]
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in ".!?" and depth == 0:
            match = _SENTENCE_END.match(text, index + 1)
            if match:
                starts.append(match.end())
    return starts


def _units(text: str) -> list[tuple[int, str]]:
    """Split a paragraph into (offset, unit): each intro sentence with its list, each no-needs sentence, and each
    run of other sentences kept whole."""
    bounds = [*_sentence_starts(text), len(text)]
    units: list[list] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        sentence = text[start:end].strip()
        if not sentence:
            continue
        special = (sentence.endswith(":") or _colon_split(sentence) is not None or bool(no_needs_statement(sentence))
                   or _ARTICLE_LABEL.match(sentence) is not None)
        if special or not units or units[-1][2]:
            units.append([start, sentence, special])
        else:
            units[-1][1] += " " + sentence
    return [(start, sentence) for start, sentence, _ in units]
