"""The answer engine: a Vietnamese question in, the best knowledge entry (or none) out.

How a question is scored against an entry:

1. Both sides go through the same :class:`~bot.textnorm.Normaliser` (diacritics folded,
   teencode and abbreviations expanded, synonyms made canonical).  Query words unknown to the
   knowledge base are corrected to the nearest known word when they are close enough
   (``khaisinh`` → ``khai sinh``, ``kahi`` → ``khai``).
2. Features are words and word pairs (Vietnamese meaning lives in two-syllable words), each
   weighted by its inverse document frequency over entries; stop words weigh a quarter.
   A query word the knowledge base has never seen keeps the highest weight, so a question
   about something else ("giá vàng hôm nay") covers little of itself and falls back.
3. An entry's score mixes: the best phrasing's weighted F-measure of coverage (query covered
   by the phrasing, phrasing covered by the query); how much of the query all the entry's
   phrasings cover together; how much of it the answer text covers; and rapidfuzz's
   ``token_set_ratio`` with the best phrasing, which forgives typos the word step missed.
4. Thresholds (:mod:`bot.scoring`, tuned with ``cchc-bot eval``) turn the score into *answered*, *suggest*
   (up to three "Có phải bạn muốn hỏi…") or *fallback*.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from bot import scoring
from bot.contrasts import Contrasts
from bot.index import Index, asking_phrases, features, load_index, without_asking
from bot.knowledge.model import Entry, KnowledgeBase
from bot.provincial import home_province, restricted
from bot.scoring import ANSWERED, FALLBACK, SUGGEST, Match, Mix, Signals, Thresholds, combine, decide
from bot.textnorm import Normaliser, accented_words
from bot.typos import speller_of
from bot.variants import variant_decided

__all__ = ["ANSWERED", "FALLBACK", "SUGGEST", "Engine", "Match", "Mix", "Signals", "Thresholds", "combine",
           "decide"]

#: A well-formed (folded) Vietnamese syllable: optional onset, one to three vowels, optional coda.
SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                      r"(ch|ng|nh|[cmnpt])?$")
STOP_FACTOR = 0.25
PAIR_FACTOR = 0.6
#: The prior of an entry by its tier (curated, commune record, other record, catalog line).
TIER_PRIOR = (1.0, 0.75, 0.4, 0.0)
#: Points (0–100) an entry's score must exceed the thresholds by, by tier.
TIER_BAR = (0.0, 3.0, 8.0, 12.0)
#: Words that name no procedure by themselves (compared after normalisation).
GENERIC = "đăng ký cấp thủ tục làm giấy xin việc cho thẻ nào ở đâu"
NAMELESS = frozenset({"thu", "tuc", "hoi", "ve"})  # "thủ tục", "hỏi về" (folded): nor these
#: Content words beyond which a message is read as a story (see :meth:`Engine.components`).
LONG_QUERY = 14
#: Entries within this many points of the best compete on how much of the question they cover;
#: one covering this much more of it goes first.
BAND = 12.0
COVER_GAIN = 0.1
#: ... as long as it misses at most this share of the question the first one covers.
MISS = 0.1
#: In a story's ranking (which entry the whole story is about), this share of the union signal
#: is how much of the story the entry's phrasings cover, relative to the candidate covering most:
#: a short name wholly inside the story ("Đăng ký tạm trú") covers its phrasing whole, as does the
#: variant the story is about ("Gia hạn tạm trú"), which covers more of the story.
STORY_COVER = 0.5
#: How many entries retrieval hands to the full scoring.
CANDIDATES = 40
#: a rival procedure scoring within RIVAL_GAP points of the lead and covering a question word of
#: more than this weight (a rarer word's IDF: "tiếng", not "con", "sinh") that the lead lacks
#: makes the answer a choice
RIVAL_GAP, RIVAL_WORD = 8.0, 4.0


class Engine:
    """Matches questions against a :class:`KnowledgeBase`; build once, use from any thread.

    ``cache_dir`` keeps the built index between starts (see :func:`bot.index.load_index`)."""

    def __init__(self, kb: KnowledgeBase, thresholds: Thresholds | None = None,
                 mix: Mix | None = None, cache_dir: Path | None = None,
                 index: Index | None = None) -> None:
        self.kb = kb
        self.thresholds = thresholds or Thresholds()
        self.mix = mix or Mix()
        self.norm = Normaliser(kb.abbreviations, kb.synonyms, kb.conversation.get("told", ()), kb.stopwords)
        self.stop = kb.stopwords
        self.index = index if index is not None else load_index(kb, self.norm, cache_dir)
        ix = self.index
        self._idf = ix.idf
        self._max_idf = ix.max_idf
        self.vocab = ix.vocab
        self._vocab_set = set(self.vocab)
        self._row = {eid: i for i, eid in enumerate(ix.ids)}
        # ties among procedures: the plainer name (not among answers of the plans or the FAQ)
        self._words = {eid: len(e.title.split()) for eid, e in kb.entries.items() if e.code}
        self._prior = np.array([TIER_PRIOR[min(kb.entries[e].tier, 3)] for e in ix.ids],
                               dtype=np.float32)
        # Typo recall: rapidfuzz over the curated entries' phrasings only (a few hundred).
        self._fuzzy_docs = [(i, " ".join(t)) for i, eid in enumerate(ix.ids)
                            if kb.entries[eid].tier == 0 for t in ix.phrasings[i]]
        self._fuzzy_texts = [t for _, t in self._fuzzy_docs]
        self.generic = self._generic = frozenset(self.norm.tokens(GENERIC))
        self._own_province = restricted(kb)  # a province's own procedures: for its people only
        self.contrasts = Contrasts(kb, self.norm, lambda eid: self.index.phrasings[self._row[eid]])
        self._aliases = self._locality_aliases()
        self._correct = lru_cache(maxsize=8192)(self._candidates)
        self._asking = asking_phrases(kb, self.norm)  # phrases that only ask ("mất bao lâu")
        # each phrasing with its feature set and total weight, once (~0.3 s for the whole catalog)
        self._phrasings = [[(doc, feats, sum(self.weight(f) for f in feats) or 1.0)
                            for doc, feats in ((doc, frozenset(features(doc))) for doc in docs)]
                           for docs in ix.phrasings]
        self.norm.speller = speller_of(kb, self.norm.words, self._idf, self._max_idf, ix.accents).mend

    # --- features -------------------------------------------------------------------------
    def weight(self, feature: str) -> float:
        """Weight of a word or word pair: its IDF, damped for stop words and for pairs."""
        parts = feature.split(" ")
        base = self._idf.get(feature, self._max_idf)
        if len(parts) == 1 and feature in self.stop:  # pairs keep their weight: "bản sao"
            base *= STOP_FACTOR
        return base * (PAIR_FACTOR if len(parts) > 1 else 1.0)

    def words_of(self, eid: str) -> frozenset[str]:
        """The (normalised) words and word pairs an entry's phrasings and answer use."""
        row = self._row[eid]
        return self.index.union[row] | self.index.answer[row]

    def _candidates(self, token: str) -> tuple[str, ...]:
        """Known words a token may be a typo of: a split, or the closest spellings."""
        if token in self._vocab_set or token in self.stop or len(token) < 3 or token.isdigit():
            return ()
        for i in range(2, len(token) - 1):  # words typed together: "khaisinh"
            if token[:i] in self._vocab_set and token[i:] in self._vocab_set:
                return (f"{token[:i]} {token[i:]}",)
        found = process.extract(token, self.vocab, scorer=fuzz.ratio, score_cutoff=74, limit=4)
        return tuple(c for c, _, _ in found)

    def correct(self, tokens: list[str]) -> list[str]:
        """Tokens with typos corrected. A token that is itself a well-formed Vietnamese syllable
        ("ngon", "xinh") is only replaced when the correction forms a known two-word term with
        a neighbour ("khai xinh" → "khai sinh"), so real words outside the knowledge base stay
        unknown and keep the question out of scope."""
        out: list[str] = []
        for i, token in enumerate(tokens):
            options = self._correct(token)
            if not options:
                out.append(token)
                continue
            if " " in options[0] or not SYLLABLE.match(token):
                out.extend(options[0].split())
                continue
            prev = out[-1] if out else None
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            fits = [c for c in options
                    if (prev and f"{prev} {c}" in self._idf) or (nxt and f"{c} {nxt}" in self._idf)]
            out.append(fits[0] if fits else token)
        return out

    def _locality_aliases(self) -> list[tuple[tuple[str, ...], str]]:
        out: list[tuple[tuple[str, ...], str]] = []
        for loc in self.kb.localities.values():
            if loc.example:
                continue
            names = {*loc.aliases, loc.name}
            for name in names:
                toks = tuple(self.norm.tokens(name))
                if toks and toks[0] in ("xa", "huyen", "tinh", "phuong", "thi") and len(toks) > 2:
                    out.append((toks[1:], loc.code))
                out.append((toks, loc.code))
        out.sort(key=lambda a: -len(a[0]))
        return out

    def find_locality(self, tokens: list[str]) -> tuple[str | None, list[str]]:
        """The locality a question names, if any, and the tokens without that name."""
        for alias, code in self._aliases:
            k = len(alias)
            for i in range(len(tokens) - k + 1):
                if tuple(tokens[i:i + k]) == alias:
                    rest = tokens[:i] + tokens[i + k:]
                    if rest and rest[-1] in ("xa", "huyen", "phuong"):
                        rest = rest[:-1]
                    return code, rest
        return None, tokens

    def analyse(self, text: str) -> tuple[list[str], str | None]:
        """Normalised, corrected query tokens and the locality the question names."""
        tokens = self.correct(self.norm.tokens(text))
        named, tokens = self.find_locality(tokens)
        if tokens[:2] == ["thu", "tuc"] and len(tokens) > 2:
            tokens = tokens[2:]  # "thủ tục khai tử" asks about khai tử ("thủ tục" only says procedure)
        return tokens, named

    # --- scoring --------------------------------------------------------------------------
    def _eligible(self, entry: Entry, locality: str | None) -> bool:  # (a province's own: its people)
        own = self._own_province.get(entry.id)
        return (not entry.localities or locality in entry.localities) and (
            own is None or home_province(self.kb.localities.get(locality or "")) == own)

    def _retrieve(self, qfeats: dict[str, float], extra: set[int]) -> list[int]:
        """Rows of the entries sharing the most query weight (at most :data:`CANDIDATES`)."""
        cols = [self.index.feature_ids[f] for f in qfeats if f in self.index.feature_ids]
        if not cols:
            return sorted(extra)
        weights = np.array([qfeats[f] for f in qfeats if f in self.index.feature_ids],
                           dtype=np.float32)
        scores = np.asarray(self.index.matrix[:, cols] @ weights).ravel()
        scores += self._prior * 0.05 * float(weights.sum())
        k = min(CANDIDATES, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        return sorted({int(i) for i in top if scores[i] > 0} | extra)

    def components(self, tokens: list[str], locality: str | None,
                   accents: dict[str, str] | None = None) -> list[tuple[str, Signals]]:
        """The scoring signals of the candidate entries (those retrieval finds, and those close
        in spelling to the whole question). ``accents`` are the question's words typed with
        diacritics (:func:`accented_words`), used to tell apart words that fold alike."""
        if not tokens:
            return []
        ix = self.index
        qfeats = {f: self.weight(f) for f in features(tokens)
                  if " " not in f or f in self._idf}
        qtotal = sum(qfeats.values()) or 1.0
        qtext = " ".join(tokens)
        fuzzy: dict[int, float] = {}
        for _, score, i in process.extract(qtext, self._fuzzy_texts, scorer=fuzz.token_set_ratio,
                                           limit=8, score_cutoff=60):
            row = self._fuzzy_docs[i][0]
            fuzzy[row] = max(fuzzy.get(row, 0.0), score)
        content = {f: w for f, w in qfeats.items() if " " in f or f not in self.stop} or qfeats
        ctotal = sum(content.values()) or 1.0
        # A long message (a story) covers any one phrasing only in part: there the phrasing's
        # share found in the message counts most, not the message's share in the phrasing.
        long = sum(1 for t in tokens if t not in self.stop) > LONG_QUERY
        beta2 = 4.0 if long else 0.6
        out: list[tuple[str, Signals]] = []
        for row in self._retrieve(content, set(fuzzy) | ix.asked_back(qtext, self.kb.entries)):
            eid = ix.ids[row]
            entry = self.kb.entries[eid]
            if not self._eligible(entry, locality):
                continue
            best_f, best_dc, best_doc = 0.0, 0.0, ix.phrasings[row][0] if ix.phrasings[row] else ()
            for doc, feats, total in self._phrasings[row]:
                if feats.isdisjoint(qfeats):
                    continue
                matched = sum(w for f, w in qfeats.items() if f in feats)
                if matched <= 0:
                    continue
                qc, dc = matched / qtotal, matched / total
                f_score = (1 + beta2) * qc * dc / (beta2 * qc + dc)  # weighted F-measure
                best_dc = max(best_dc, dc)
                if f_score > best_f:
                    best_f, best_doc = f_score, doc
            union = sum(w for f, w in qfeats.items() if f in ix.union[row]) / qtotal
            if long:
                union = max(union, best_dc)
            answer = sum(w for f, w in qfeats.items() if f in ix.answer[row]) / qtotal
            fz = (fuzzy.get(row) or fuzz.token_set_ratio(qtext, " ".join(best_doc))) / 100
            acc = ix.accents[row]
            clash = sum(qfeats.get(f, 0.0) for f, key in (accents or {}).items()
                        if f in acc and key not in acc[f])
            pairs = [self._idf[f] for f in qfeats if " " in f and f in ix.union[row]]
            key = max(pairs, default=0.0) / self._max_idf
            covered = frozenset(f for f in content if f in ix.union[row])
            cover = sum(content[f] for f in covered) / ctotal
            out.append((eid, Signals(best_f, union, answer, fz, clash / qtotal, key,
                                     TIER_PRIOR[min(entry.tier, 3)], cover, covered)))
        return out

    def rank(self, tokens: list[str], locality: str | None,
             accents: dict[str, str] | None = None, story: bool = False) -> list[tuple[str, float]]:
        """Entries ranked by score (0–100), best first; ``story``: ranked as what a long message
        is about (see :data:`STORY_COVER`)."""
        signals = self.components(tokens, locality, accents)
        if story and signals and sum(1 for t in tokens if t not in self.stop) > LONG_QUERY:
            most = max(s.cover for _, s in signals) or 1.0
            signals = [(eid, replace(s, union=(1 - STORY_COVER) * s.union
                                     + STORY_COVER * s.cover / most)) for eid, s in signals]
        return combine(signals, self.mix, self._words)

    def match(self, text: str, locality: str | None = None, typed: str | None = None) -> Match:
        """Answer, suggestions or fallback for ``text`` asked from ``locality``; ``typed`` is
        the text as the person typed it, when ``text`` is a reduced form of it (its diacritics
        tell apart words that fold alike)."""
        tokens, named = self.analyse(text)
        scope = named or locality
        accents = accented_words(typed if typed is not None else text)
        signals = dict(self.components(tokens, scope, accents))
        ranked = combine(list(signals.items()), self.mix, self._words)
        ranked = self._closest(self.contrasts.kept(tokens, ranked), signals)
        vague = self._vague(tokens, ranked, signals)
        if vague:
            return Match(SUGGEST, None, ranked[0][1], vague, tuple(ranked[:5]), named, tuple(tokens),
                         contested=True)  # several procedures fit the bare name equally
        # a question back (an entry with options) is no close rival of a procedure that leads,
        # and leads only a question that names nothing its phrasings do not ("thủ tục" aside)
        ranked = self.contrasts.asked_back(tokens, ranked, signals, self.weight)  # its ambiguity
        if ranked and self.kb.entries[ranked[0][0]].options:
            said = {t for p in self.index.phrasings[self._row[ranked[0][0]]] for t in p}
            beyond = {t for t in tokens if t not in said and t not in self.stop and t not in NAMELESS}
            others = [r for r in ranked if not self.kb.entries[r[0]].options]
            # ... in words the best procedure knows ("vợ chồng", "chuyển nhà" choose nothing)
            if beyond and (not others or beyond & self.index.union[self._row[others[0][0]]]):
                ranked = others
        elif ranked:
            ranked = [r for r in ranked if not self.kb.entries[r[0]].options]
        codes: dict[str, str] = {}  # one per procedure: a sibling of the same code is no rival
        judged = sorted(((eid, s - TIER_BAR[min(self.kb.entries[eid].tier, 3)]) for eid, s in [
            r for r in ranked if codes.setdefault(self.kb.entries[r[0]].code or r[0], r[0]) == r[0]][:3]),
            key=lambda r: (-r[1], self._words.get(r[0], 0), r[0]))
        status = decide(self.thresholds, judged)
        contested = status == ANSWERED and (
            scoring.raw_rival(judged[0][0], ranked, codes, self.thresholds)
            or self._names_more(judged[0][0], ranked, codes, signals, tokens))
        if contested:
            status = SUGGEST  # a record or catalog line as close as the card is a real choice
        if status == ANSWERED and judged[0][0] != ranked[0][0]:
            ranked = [judged[0], *[r for r in ranked if r[0] != judged[0][0]]]
        variant = variant_decided(self, status, judged, tokens, ranked, accents)
        if variant is not None:  # "gia hạn tạm trú": the variant the question names, first
            status = ANSWERED
            ranked = [(variant, ranked[0][1]), *[r for r in ranked if r[0] != variant]]
        score = ranked[0][1] if ranked else 0.0
        top5, toks = tuple(ranked[:5]), tuple(tokens)
        if status == FALLBACK and score < self.thresholds.offer:  # else offered, not dropped
            return Match(FALLBACK, None, score, (), top5, named, toks)
        if status == ANSWERED:
            return Match(ANSWERED, self.kb.entries[ranked[0][0]], score, (), top5, named, toks)
        floor = max(self.thresholds.suggest, score - 25) - self.thresholds.margin
        suggestions = tuple(self.kb.entries[eid] for eid, s in ranked[:3] if s >= floor)
        return Match(SUGGEST, None, score, suggestions, top5, named, toks, contested=contested)

    def _names_more(self, lead: str, ranked: list[tuple[str, float]], codes: dict[str, str],
                    signals: dict[str, Signals], tokens: list[str]) -> bool:
        """Whether a close rival procedure covers a distinctive word of the question that the
        entry about to be answered does not ("chứng thực bản dịch": a card for copies, a record
        for translations): then the question is a choice between them, not an answer. A word
        the question only asks with ("lâu" of "mất bao lâu") names no procedure."""
        asked = set(without_asking(tokens, self._asking))
        scores = dict(ranked)
        top = scores.get(lead, 0.0)
        have = signals[lead].covered
        if self.kb.entries[lead].code is None:
            return False
        for eid, s in ranked[:4]:
            if eid == lead or eid not in codes.values() or s < top - RIVAL_GAP \
                    or self.kb.entries[eid].code is None:
                continue
            extra = max((self.weight(f) for f in signals[eid].covered - have
                         if " " not in f and f not in self.stop and f in asked), default=0.0)
            if extra >= RIVAL_WORD:
                return True
        return False

    def _closest(self, ranked: list[tuple[str, float]],
                 signals: dict[str, Signals]) -> list[tuple[str, float]]:
        """Among entries scored within :data:`BAND` points of the best that name (nearly) all
        it names, the one whose phrasings cover most more of the question goes first ("tạm
        ngừng hộ kinh doanh" over "hộ kinh doanh"; not a "kết hôn" sharing "online", "bao lâu")."""
        if len(ranked) < 2:
            return ranked
        top, lead = ranked[0][1], signals[ranked[0][0]]
        total = sum(self.weight(f) for f in lead.covered) / lead.cover if lead.cover else 1.0
        band = [r for r in ranked if r[1] >= top - BAND and sum(
            self.weight(f) for f in lead.covered - signals[r[0]].covered if " " not in f) <= MISS * total]
        most = max(signals[r[0]].cover for r in band)  # of those covering about as much, the first
        best = next(r for r in band if signals[r[0]].cover >= most - COVER_GAIN / 2)
        if signals[best[0]].cover < lead.cover + COVER_GAIN:
            return ranked
        return [(best[0], top), *[r for r in ranked if r[0] != best[0]]]

    def _vague(self, tokens: list[str], ranked: list[tuple[str, float]],
               signals: dict[str, Signals]) -> tuple[Entry, ...]:
        """The entries to offer when a question of one or two words ("chứng thực", "giấy khai
        sinh", "hộ nghèo") fits several procedures equally: none of them is phrased exactly so
        and each covers the whole question. Empty when the question is not vague."""
        content = [t for t in tokens if t not in self.stop]
        if not ranked or not 0 < len(content) <= 2 or ranked[0][1] < self.thresholds.suggest:
            return ()
        asked = {t for t in tokens if t not in self._generic}
        top = ranked[0][1]
        fits: dict[str, str] = {}  # one entry per procedure
        for eid, score in ranked[:8]:
            if score >= top - 15 and signals[eid].union >= 0.99:
                fits.setdefault(self.kb.entries[eid].code or eid, eid)
        first = ranked[0][0]
        named = [{t for t in phrasing if t not in self._generic}
                 for phrasing in self.index.phrasings[self._row[first]]]
        if len(fits) < 2 or asked in named:  # "khai sinh" is "Đăng ký khai sinh": not vague
            return ()
        order = dict(ranked)
        best = sorted(fits.values(), key=lambda eid: (self.kb.entries[eid].tier, -order[eid]))
        return tuple(self.kb.entries[eid] for eid in best[:3])

    def titles(self, ids: Iterable[str]) -> list[Entry]:
        return [self.kb.entries[i] for i in ids if i in self.kb.entries]

