"""A realistic vocabulary for the scale corpora (benchmarks/gen_corpus.py --vocab zipf).

Resampled seed sentences have the seeds' ~5 000 word types at any size, so every cost that
grows with the vocabulary (vocab.json, the word-id table, `freq`, completion's term list,
token-count rows per segment) is flattered. A real archive keeps meeting new words: names
of people, places and organisations, new compounds, numbers, model names. This module
rewrites the seed sentences so that such words appear as a real archive has them:

* each seed sentence is cut once by jieba's POS tagger (a private Tokenizer) into fixed
  text and *slots*: person (nr), place (ns), organisation (nt), noun-like (n, nz, vn, nrt)
  not among the seeds' FREQUENT most common ones, numeral with digits (m) but not of a date
  (2024年 stays), Latin (eng);
* a slot keeps its seed word or, with its class's probability, takes a word drawn from that
  class's lexicon by a Zipf-Mandelbrot law (weight 1 / (rank + 2.7) ** s): a few new words
  are frequent, most are rare, and the number of distinct words grows with the corpus
  like Heaps' law, as in real text;
* a lexicon is generated lazily in rank order from its own random stream (seed, class), so
  the word at a rank is the same whatever the order of the draws: same seed and size, same
  bytes. Person names are a surname (common ones first) and one or two given-name
  characters; places a place character, a seed character and a suffix (市, 县, 新区 …); organisations a place,
  a brand of two new characters, a domain and a suffix (深圳华芯微电子科技有限公司);
  compounds two to four characters drawn by the seeds' character frequencies, or two seed
  words joined (新的术语 the tokenizer splits); Latin names letters and digits (HX3000).
  Numbers are drawn fresh (counts, amounts, percentages, years).

The tokenizer decides what a type is: `corpus index` then `corpus freq` (or the index's
`types`) is the count to report, not the lexicon's size.
"""

from __future__ import annotations

import logging
import random
from bisect import bisect
from collections import Counter
from itertools import accumulate

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
            "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞辉建国文斌宇浩凯俊帆博晨阳欣怡佳琪子涵雨轩"
         "思彤梓萱诺宁晓东海波林峰志永春雪梅丹云龙天翔嘉豪振宏立新德昌瑞祥光荣民利福寿康乐安庆泽润卓越铭")
PLACE = "江河湖山海安宁平兴华阳泉州德昌盛丰嘉永庆云南北东西中新广福宝长清城武文金石桂荣源临沂泰溪川阜杭苏襄岳衡"
PLACE_SUFFIX = ("市", "县", "区", "镇", "新区", "高新区", "经开区", "自治县", "开发区")
ORG_DOMAIN = ("科技", "智能", "新材料", "生物医药", "微电子", "信息技术", "新能源", "数据", "半导体", "航天", "装备制造",
              "环保", "检测", "云计算", "网络", "机器人", "量子", "氢能", "储能", "精密")
ORG_SUFFIX = ("有限公司", "股份有限公司", "集团", "研究院", "研究所", "产业园", "重点实验室", "创新中心", "发展中心",
              "管理委员会", "产业联盟", "工作领导小组")
LATIN = "ABCDEFGHJKLMNPQRSTUVWXYZ"

NOUNS = frozenset(("n", "nz", "vn", "nrt", "nrfg"))
FREQUENT = 300  # the seeds' most common noun-like words (of ~2 200; 74 % of their uses) are never replaced: 人工智能 keeps its hits
# class -> (probability a slot of it takes a lexicon word, lexicon ranks, Zipf exponent)
CLASSES = {
    "person": (0.8, 400_000, 1.05),
    "place": (0.6, 60_000, 1.1),
    "org": (0.8, 300_000, 1.05),
    "noun": (0.5, 2_000_000, 1.1),
    "latin": (0.7, 100_000, 1.1),
}
NUMBER_P = 0.7  # a numeral with digits becomes a fresh number
DATE_UNITS = frozenset("年月日号时")


class Lexicon:
    """Words of one class in rank order, made on demand from the class's own random stream."""

    def __init__(self, make, seed: int, ranks: int, s: float):
        self.rng = random.Random(seed)
        self.make, self.words, self.seen = make, [], set()
        self.cum = list(accumulate(1.0 / (r + 2.7) ** s for r in range(ranks)))

    def draw(self, rng: random.Random) -> str:
        rank = bisect(self.cum, rng.random() * self.cum[-1])
        misses = 0
        while len(self.words) <= rank:
            w = self.make(self.rng)
            if w not in self.seen:
                self.seen.add(w)
                self.words.append(w)
                misses = 0
            elif (misses := misses + 1) > 10_000:
                raise RuntimeError(f"lexicon exhausted at {len(self.words)} words: fewer ranks or more parts")
        return self.words[rank]


class Vocabulary:
    """Sentence templates of the seeds and the lexicons that fill their slots."""

    def __init__(self, sentences: list[str], seed: int, cache_dir=None):
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.tmp_dir = None if cache_dir is None else str(cache_dir)  # jieba's dictionary cache: not the shared temp dir
        tagger = jieba.posseg.POSTokenizer(tok)
        tagged = [[(p.word, p.flag) for p in tagger.cut(s)] for s in sentences]
        counts = Counter(w for sent in tagged for w, f in sent if f in NOUNS)
        frequent = {w for w, _ in counts.most_common(FREQUENT)}
        chars = Counter(c for s in sentences for c in s if "\u4e00" <= c <= "\u9fff")
        self.chars, self.char_cum = list(chars), list(accumulate(chars.values()))
        self.seed_words = [w for w in counts if len(w) >= 2]
        self.templates = [self._template(sent, frequent) for sent in tagged]
        self.lexicons = {name: Lexicon(getattr(self, f"_{name}"), seed * 7919 + i, ranks, s)
                         for i, (name, (_, ranks, s)) in enumerate(CLASSES.items())}

    @staticmethod
    def _template(sent, frequent) -> list:
        """Fixed text and slots: [str | (class, seed word), ...], runs of fixed text joined."""
        parts: list = []
        for t, (w, f) in enumerate(sent):
            kind = None
            after = sent[t + 1][0] if t + 1 < len(sent) else ""
            if f == "nr":
                kind = "person"
            elif f == "ns":
                kind = "place"
            elif f == "nt":
                kind = "org"
            elif f in NOUNS and len(w) >= 2 and w not in frequent:
                kind = "noun"
            elif f == "eng":
                kind = "latin"
            elif f == "m" and any(c.isdigit() for c in w) and after[:1] not in DATE_UNITS:  # dates stay dates
                kind = "number"
            if kind is None:
                if parts and isinstance(parts[-1], str):
                    parts[-1] += w
                else:
                    parts.append(w)
            else:
                parts.append((kind, w))
        return parts

    def sentence(self, rng: random.Random) -> str:
        out = []
        for part in rng.choice(self.templates):
            if isinstance(part, str):
                out.append(part)
                continue
            kind, word = part
            if kind == "number":
                out.append(self._number(rng) if rng.random() < NUMBER_P else word)
            elif rng.random() < CLASSES[kind][0]:
                out.append(self.lexicons[kind].draw(rng))
            else:
                out.append(word)
        return "".join(out)

    # -- the word makers (each takes the lexicon's own random stream) -----------------------
    def _han(self, rng: random.Random, n: int) -> str:
        return "".join(rng.choices(self.chars, cum_weights=self.char_cum, k=n))

    def _person(self, rng: random.Random) -> str:
        # surnames by rank (the first are the common ones), one or two given characters
        surname = SURNAMES[min(int(rng.expovariate(1 / 18)), len(SURNAMES) - 1)]
        return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))

    def _place(self, rng: random.Random) -> str:
        return rng.choice(PLACE) + self._han(rng, 1) + rng.choice(PLACE_SUFFIX)

    def _org(self, rng: random.Random) -> str:
        where = self.lexicons["place"].draw(rng)[:2] if rng.random() < 0.6 else ""
        return where + self._han(rng, 2) + rng.choice(ORG_DOMAIN) + rng.choice(ORG_SUFFIX)

    def _noun(self, rng: random.Random) -> str:
        if rng.random() < 0.3:
            return rng.choice(self.seed_words) + rng.choice(self.seed_words)
        return self._han(rng, rng.choice((2, 2, 3, 3, 4)))

    def _latin(self, rng: random.Random) -> str:
        head = "".join(rng.choice(LATIN) for _ in range(rng.randint(1, 3)))
        return head + (str(rng.randint(1, 9999)) if rng.random() < 0.7 else "")

    @staticmethod
    def _number(rng: random.Random) -> str:
        form = rng.random()
        if form < 0.35:
            return str(int(10 ** rng.uniform(0, 4)))  # counts: small ones more often (Benford-like)
        if form < 0.6:
            return f"{10 ** rng.uniform(-1, 3):.{rng.choice((1, 2))}f}"  # amounts: 3.72
        if form < 0.8:
            return f"{rng.uniform(0, 100):.1f}%"
        return str(rng.randint(1978, 2035))  # years
