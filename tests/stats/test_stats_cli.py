"""CliRunner golden outputs of freq, cooc and diff on the hand-made corpus of test_stats.py,
in tsv and json (exact strings), plus table notes, exit codes and errors.

The counts in these strings were checked by hand (see test_stats.py's docstring): e.g.
发展 7 of N = 32, per_10k 2187.5; 推动发展 (two tokens) with window 1,1 has R1 = 5 and
新赛道 O11 = 2 (1L 1R), E11 = 5·2/32 = 0.3125; group 新赛道 has c = 9 word tokens and
group 未来产业 d = 23 (per_10k_a of 新赛道 = 2/9·10000 = 2222.2222).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from clipaths import PATHS
from test_frequency import write_corpus

GOLDEN = {
    ('freq', 'tsv'): 'rank\tterm\tfreq\tper_10k\tfiles\tarticles\tdp\tdp_norm\tjuilland_d\n1\t发展\t7\t2187.5\t3\t4\t0.1027\t0.1264\t0.8091\n2\t推动\t4\t1250\t2\t3\t0.2188\t0.2692\t0.4334\n3\t技术创新\t3\t937.5\t3\t3\t0.1979\t0.2436\t0.7225\n4\t未来产业\t3\t937.5\t1\t1\t0.4688\t0.5769\t0\n5\t技术\t2\t625\t2\t2\t0.2188\t0.2692\t0.4334\n6\t新赛道\t2\t625\t1\t1\t0.7188\t0.8846\t0\n7\t需要\t2\t625\t2\t2\t0.2188\t0.2692\t0.4334\n8\t创新\t1\t312.5\t1\t1\t0.8125\t1\t0\n9\t年\t1\t312.5\t1\t1\t0.4688\t0.5769\t0\n10\t目录\t1\t312.5\t1\t0\t0.4688\t0.5769\t0\n11\t经济\t1\t312.5\t1\t1\t0.4688\t0.5769\t0\n',
    ('freq', 'json'): '[{"rank": 1, "term": "发展", "freq": 7, "per_10k": 2187.5, "files": 3, "articles": 4, "dp": 0.1027, "dp_norm": 0.1264, "juilland_d": 0.8091},\n {"rank": 2, "term": "推动", "freq": 4, "per_10k": 1250.0, "files": 2, "articles": 3, "dp": 0.2188, "dp_norm": 0.2692, "juilland_d": 0.4334},\n {"rank": 3, "term": "技术创新", "freq": 3, "per_10k": 937.5, "files": 3, "articles": 3, "dp": 0.1979, "dp_norm": 0.2436, "juilland_d": 0.7225},\n {"rank": 4, "term": "未来产业", "freq": 3, "per_10k": 937.5, "files": 1, "articles": 1, "dp": 0.4688, "dp_norm": 0.5769, "juilland_d": 0.0},\n {"rank": 5, "term": "技术", "freq": 2, "per_10k": 625.0, "files": 2, "articles": 2, "dp": 0.2188, "dp_norm": 0.2692, "juilland_d": 0.4334},\n {"rank": 6, "term": "新赛道", "freq": 2, "per_10k": 625.0, "files": 1, "articles": 1, "dp": 0.7188, "dp_norm": 0.8846, "juilland_d": 0.0},\n {"rank": 7, "term": "需要", "freq": 2, "per_10k": 625.0, "files": 2, "articles": 2, "dp": 0.2188, "dp_norm": 0.2692, "juilland_d": 0.4334},\n {"rank": 8, "term": "创新", "freq": 1, "per_10k": 312.5, "files": 1, "articles": 1, "dp": 0.8125, "dp_norm": 1.0, "juilland_d": 0.0},\n {"rank": 9, "term": "年", "freq": 1, "per_10k": 312.5, "files": 1, "articles": 1, "dp": 0.4688, "dp_norm": 0.5769, "juilland_d": 0.0},\n {"rank": 10, "term": "目录", "freq": 1, "per_10k": 312.5, "files": 1, "articles": 0, "dp": 0.4688, "dp_norm": 0.5769, "juilland_d": 0.0},\n {"rank": 11, "term": "经济", "freq": 1, "per_10k": 312.5, "files": 1, "articles": 1, "dp": 0.4688, "dp_norm": 0.5769, "juilland_d": 0.0}]\n',
    ('freq_by_group', 'tsv'): 'rank\tterm\tfreq\tper_10k\tfiles\tarticles\tdp\tdp_norm\tjuilland_d\tfreq:新赛道\tfreq:未来产业\n1\t发展\t7\t2187.5\t3\t4\t0.0045\t0.0062\t0.989\t2\t5\n2\t推动\t4\t1250\t2\t3\t0.2188\t0.3043\t0.5625\t2\t2\n3\t技术创新\t3\t937.5\t3\t3\t0.0521\t0.0725\t0.878\t1\t2\n',
    ('freq_by_group', 'json'): '[{"rank": 1, "term": "发展", "freq": 7, "per_10k": 2187.5, "files": 3, "articles": 4, "dp": 0.0045, "dp_norm": 0.0062, "juilland_d": 0.989, "freq:新赛道": 2, "freq:未来产业": 5},\n {"rank": 2, "term": "推动", "freq": 4, "per_10k": 1250.0, "files": 2, "articles": 3, "dp": 0.2188, "dp_norm": 0.3043, "juilland_d": 0.5625, "freq:新赛道": 2, "freq:未来产业": 2},\n {"rank": 3, "term": "技术创新", "freq": 3, "per_10k": 937.5, "files": 3, "articles": 3, "dp": 0.0521, "dp_norm": 0.0725, "juilland_d": 0.878, "freq:新赛道": 1, "freq:未来产业": 2}]\n',
    ('cooc', 'tsv'): 'rank\tcollocate\tcooc\tleft\tright\tcollocate_freq\tmi\tmi3\tt_score\tz_score\tlog_dice\tll\tp_value\tdice\tdelta_p_cn\tdelta_p_nc\to11\to12\to21\to22\te11\n1\t新赛道\t2\t1\t1\t2\t2.6781\t4.6781\t1.1932\t3.0187\t13.6781\t8.2325\t0.0041\t0.8\t0.4\t0.9\t2\t3\t0\t27\t0.3125\n2\t未来产业\t2\t1\t1\t3\t2.0931\t4.0931\t1.0828\t2.2365\t13.415\t4.628\t0.0314\t0.6667\t0.363\t0.5632\t2\t3\t1\t26\t0.4688\n3\t技术创新\t1\t1\t0\t3\t1.0931\t1.0931\t0.5312\t0.7759\t12.415\t0.6494\t0.4203\t0.3333\t0.1259\t0.1954\t1\t4\t2\t25\t0.4688\n',
    ('cooc', 'json'): '[{"rank": 1, "collocate": "新赛道", "cooc": 2, "left": 1, "right": 1, "collocate_freq": 2, "mi": 2.6781, "mi3": 4.6781, "t_score": 1.1932, "z_score": 3.0187, "log_dice": 13.6781, "ll": 8.2325, "p_value": 0.004115, "dice": 0.8, "delta_p_cn": 0.4, "delta_p_nc": 0.9, "o11": 2, "o12": 3, "o21": 0, "o22": 27, "e11": 0.3125},\n {"rank": 2, "collocate": "未来产业", "cooc": 2, "left": 1, "right": 1, "collocate_freq": 3, "mi": 2.0931, "mi3": 4.0931, "t_score": 1.0828, "z_score": 2.2365, "log_dice": 13.415, "ll": 4.628, "p_value": 0.03145, "dice": 0.6667, "delta_p_cn": 0.363, "delta_p_nc": 0.5632, "o11": 2, "o12": 3, "o21": 1, "o22": 26, "e11": 0.4688},\n {"rank": 3, "collocate": "技术创新", "cooc": 1, "left": 1, "right": 0, "collocate_freq": 3, "mi": 1.0931, "mi3": 1.0931, "t_score": 0.5312, "z_score": 0.7759, "log_dice": 12.415, "ll": 0.6494, "p_value": 0.4203, "dice": 0.3333, "delta_p_cn": 0.1259, "delta_p_nc": 0.1954, "o11": 1, "o12": 4, "o21": 2, "o22": 25, "e11": 0.4688}]\n',
    ('matrix', 'tsv'): 'term\tfreq\tsentences\t发展\t推动\t未来产业\n发展\t7\t7\t7\t4\t2\n推动\t4\t4\t4\t4\t1\n未来产业\t3\t3\t2\t1\t3\n',
    ('matrix', 'json'): '[{"term": "发展", "freq": 7, "sentences": 7, "发展": 7, "推动": 4, "未来产业": 2},\n {"term": "推动", "freq": 4, "sentences": 4, "发展": 4, "推动": 4, "未来产业": 1},\n {"term": "未来产业", "freq": 3, "sentences": 3, "发展": 2, "推动": 1, "未来产业": 3}]\n',
    ('diff_parts', 'tsv'): 'section\trank\tterm\tfreq_a\tfreq_b\tper_10k_a\tper_10k_b\tll_4term\tp_value\tp\tchi2\tbic\tlog_ratio\tlog_ratio_low\tlog_ratio_high\tpct_diff\tell\tsimple_maths\nA>B\t1\t新赛道\t2\t0\t2222.2222\t0\t5.428\t0.0198\tp<0.05\t5.4519\t1.9622\t3.3536\t-0.9768\t7.6841\tinf\t-0.2948\t222223.2222\nA>B\t2\t推动\t2\t2\t2222.2222\t869.5652\t0.9884\t0.3201\tn.s.\t1.0821\t-2.4774\t1.3536\t-1.2463\t3.9535\t155.5556\t0.2622\t2.5555\nB>A\t1\t未来产业\t0\t3\t0\t1304.3478\t-2.1005\t0.1473\tn.s.\t1.2954\t-1.3652\t-1.2313\t-5.4051\t2.9424\t-100\t-0.3864\t0\nB>A\t2\t创新\t0\t1\t0\t434.7826\t-0.673\t0.412\tn.s.\t0.4039\t-2.7927\t0.3536\t-4.4161\t5.1234\t-100\t-0.0166\t0\nonly A\t1\t新赛道\t2\t0\t2222.2222\t0\t5.428\t0.0198\tp<0.05\t5.4519\t1.9622\t3.3536\t-0.9768\t7.6841\tinf\t-0.2948\t222223.2222\nonly B\t1\t未来产业\t0\t3\t0\t1304.3478\t-2.1005\t0.1473\tn.s.\t1.2954\t-1.3652\t-1.2313\t-5.4051\t2.9424\t-100\t-0.3864\t0\nonly B\t2\t创新\t0\t1\t0\t434.7826\t-0.673\t0.412\tn.s.\t0.4039\t-2.7927\t0.3536\t-4.4161\t5.1234\t-100\t-0.0166\t0\nshared\t1\t发展\t2\t5\t2222.2222\t2173.913\t0.0009\t0.9763\tn.s.\t0.0009\t-3.4649\t0.0317\t-2.0566\t2.12\t2.2222\t0\t1.0222\nshared\t2\t推动\t2\t2\t2222.2222\t869.5652\t0.9884\t0.3201\tn.s.\t1.0821\t-2.4774\t1.3536\t-1.2463\t3.9535\t155.5556\t0.2622\t2.5555\n',
    ('diff_parts', 'json'): '[{"section": "A>B", "rank": 1, "term": "新赛道", "freq_a": 2, "freq_b": 0, "per_10k_a": 2222.2222, "per_10k_b": 0.0, "ll_4term": 5.428, "p_value": 0.01982, "p": "p<0.05", "chi2": 5.4519, "bic": 1.9622, "log_ratio": 3.3536, "log_ratio_low": -0.9768, "log_ratio_high": 7.6841, "pct_diff": null, "ell": -0.2948, "simple_maths": 222223.2222},\n {"section": "A>B", "rank": 2, "term": "推动", "freq_a": 2, "freq_b": 2, "per_10k_a": 2222.2222, "per_10k_b": 869.5652, "ll_4term": 0.9884, "p_value": 0.3201, "p": "n.s.", "chi2": 1.0821, "bic": -2.4774, "log_ratio": 1.3536, "log_ratio_low": -1.2463, "log_ratio_high": 3.9535, "pct_diff": 155.5556, "ell": 0.2622, "simple_maths": 2.5555},\n {"section": "B>A", "rank": 1, "term": "未来产业", "freq_a": 0, "freq_b": 3, "per_10k_a": 0.0, "per_10k_b": 1304.3478, "ll_4term": -2.1005, "p_value": 0.1473, "p": "n.s.", "chi2": 1.2954, "bic": -1.3652, "log_ratio": -1.2313, "log_ratio_low": -5.4051, "log_ratio_high": 2.9424, "pct_diff": -100.0, "ell": -0.3864, "simple_maths": 0.0},\n {"section": "B>A", "rank": 2, "term": "创新", "freq_a": 0, "freq_b": 1, "per_10k_a": 0.0, "per_10k_b": 434.7826, "ll_4term": -0.673, "p_value": 0.412, "p": "n.s.", "chi2": 0.4039, "bic": -2.7927, "log_ratio": 0.3536, "log_ratio_low": -4.4161, "log_ratio_high": 5.1234, "pct_diff": -100.0, "ell": -0.0166, "simple_maths": 0.0},\n {"section": "only A", "rank": 1, "term": "新赛道", "freq_a": 2, "freq_b": 0, "per_10k_a": 2222.2222, "per_10k_b": 0.0, "ll_4term": 5.428, "p_value": 0.01982, "p": "p<0.05", "chi2": 5.4519, "bic": 1.9622, "log_ratio": 3.3536, "log_ratio_low": -0.9768, "log_ratio_high": 7.6841, "pct_diff": null, "ell": -0.2948, "simple_maths": 222223.2222},\n {"section": "only B", "rank": 1, "term": "未来产业", "freq_a": 0, "freq_b": 3, "per_10k_a": 0.0, "per_10k_b": 1304.3478, "ll_4term": -2.1005, "p_value": 0.1473, "p": "n.s.", "chi2": 1.2954, "bic": -1.3652, "log_ratio": -1.2313, "log_ratio_low": -5.4051, "log_ratio_high": 2.9424, "pct_diff": -100.0, "ell": -0.3864, "simple_maths": 0.0},\n {"section": "only B", "rank": 2, "term": "创新", "freq_a": 0, "freq_b": 1, "per_10k_a": 0.0, "per_10k_b": 434.7826, "ll_4term": -0.673, "p_value": 0.412, "p": "n.s.", "chi2": 0.4039, "bic": -2.7927, "log_ratio": 0.3536, "log_ratio_low": -4.4161, "log_ratio_high": 5.1234, "pct_diff": -100.0, "ell": -0.0166, "simple_maths": 0.0},\n {"section": "shared", "rank": 1, "term": "发展", "freq_a": 2, "freq_b": 5, "per_10k_a": 2222.2222, "per_10k_b": 2173.913, "ll_4term": 0.0009, "p_value": 0.9763, "p": "n.s.", "chi2": 0.0009, "bic": -3.4649, "log_ratio": 0.0317, "log_ratio_low": -2.0566, "log_ratio_high": 2.12, "pct_diff": 2.2222, "ell": 0.0, "simple_maths": 1.0222},\n {"section": "shared", "rank": 2, "term": "推动", "freq_a": 2, "freq_b": 2, "per_10k_a": 2222.2222, "per_10k_b": 869.5652, "ll_4term": 0.9884, "p_value": 0.3201, "p": "n.s.", "chi2": 1.0821, "bic": -2.4774, "log_ratio": 1.3536, "log_ratio_low": -1.2463, "log_ratio_high": 3.9535, "pct_diff": 155.5556, "ell": 0.2622, "simple_maths": 2.5555}]\n',
    ('diff_terms', 'tsv'): 'group\tcollocate\tcooc:新赛道\tcooc:未来产业\tlog_dice:新赛道\tlog_dice:未来产业\tdiff\tcollocate_freq\nshared\t技术\t1\t1\t13\t12.6781\t0.3219\t2\nshared\t需要\t1\t1\t13\t12.6781\t0.3219\t2\nshared\t推动\t1\t1\t12.415\t12.1926\t0.2224\t4\nshared\t发展\t1\t2\t11.8301\t12.6781\t-0.848\t7\n',
    ('diff_terms', 'json'): '[{"group": "shared", "collocate": "技术", "cooc:新赛道": 1, "cooc:未来产业": 1, "log_dice:新赛道": 13.0, "log_dice:未来产业": 12.6781, "diff": 0.3219, "collocate_freq": 2},\n {"group": "shared", "collocate": "需要", "cooc:新赛道": 1, "cooc:未来产业": 1, "log_dice:新赛道": 13.0, "log_dice:未来产业": 12.6781, "diff": 0.3219, "collocate_freq": 2},\n {"group": "shared", "collocate": "推动", "cooc:新赛道": 1, "cooc:未来产业": 1, "log_dice:新赛道": 12.415, "log_dice:未来产业": 12.1926, "diff": 0.2224, "collocate_freq": 4},\n {"group": "shared", "collocate": "发展", "cooc:新赛道": 1, "cooc:未来产业": 2, "log_dice:新赛道": 11.8301, "log_dice:未来产业": 12.6781, "diff": -0.848, "collocate_freq": 7}]\n',
    ('diff_sources', 'tsv'): 'term\tsource\ttokens\tfreq\tper_10k\tdp\tdp_norm\tjuilland_d\tarf\n新赛道\tfa\t9\t2\t2222.2222\t\t\t\t\n新赛道\tfb\t17\t0\t0\t\t\t\t\n新赛道\tfc\t6\t0\t0\t\t\t\t\n新赛道\t(all)\t32\t2\t625\t0.7188\t0.8846\t0\t1.1875\n未来产业\tfa\t9\t0\t0\t\t\t\t\n未来产业\tfb\t17\t3\t1764.7059\t\t\t\t\n未来产业\tfc\t6\t0\t0\t\t\t\t\n未来产业\t(all)\t32\t3\t937.5\t0.4688\t0.5769\t0\t1.6562\n',
    ('diff_sources', 'json'): '[{"term": "新赛道", "source": "fa", "tokens": 9, "freq": 2, "per_10k": 2222.2222, "dp": null, "dp_norm": null, "juilland_d": null, "arf": null},\n {"term": "新赛道", "source": "fb", "tokens": 17, "freq": 0, "per_10k": 0.0, "dp": null, "dp_norm": null, "juilland_d": null, "arf": null},\n {"term": "新赛道", "source": "fc", "tokens": 6, "freq": 0, "per_10k": 0.0, "dp": null, "dp_norm": null, "juilland_d": null, "arf": null},\n {"term": "新赛道", "source": "(all)", "tokens": 32, "freq": 2, "per_10k": 625.0, "dp": 0.7188, "dp_norm": 0.8846, "juilland_d": 0.0, "arf": 1.1875},\n {"term": "未来产业", "source": "fa", "tokens": 9, "freq": 0, "per_10k": 0.0, "dp": null, "dp_norm": null, "juilland_d": null, "arf": null},\n {"term": "未来产业", "source": "fb", "tokens": 17, "freq": 3, "per_10k": 1764.7059, "dp": null, "dp_norm": null, "juilland_d": null, "arf": null},\n {"term": "未来产业", "source": "fc", "tokens": 6, "freq": 0, "per_10k": 0.0, "dp": null, "dp_norm": null, "juilland_d": null, "arf": null},\n {"term": "未来产业", "source": "(all)", "tokens": 32, "freq": 3, "per_10k": 937.5, "dp": 0.4688, "dp_norm": 0.5769, "juilland_d": 0.0, "arf": 1.6562}]\n',
}
CASES = {'freq': ['freq'], 'freq_by_group': ['freq', '--by', 'group', '--top', '3'], 'cooc': ['cooc', '推动发展', '--window', '1,1', '--min-freq', '1', '--explain'], 'matrix': ['cooc', '--matrix', '发展', '推动', '未来产业'], 'diff_parts': ['diff', '--a', 'group=新赛道', '--b', 'group=未来产业', '--min-freq', '1', '--top', '2'], 'diff_terms': ['diff', '--terms', '新赛道', '未来产业', '--window', '2,2', '--min-freq', '1'], 'diff_sources': ['diff', '--terms', '新赛道', '未来产业', '--sources']}


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(params=sorted(PATHS))
def run(request, corpus_root):
    """Each test runs twice: through click, and through fastcli as the `corpus` entry point does."""
    cache = corpus_root.parent / "cache"
    runner = CliRunner()
    command = PATHS[request.param]

    def invoke(*args):
        return runner.invoke(command, [*args, "--corpus", str(corpus_root), "--cache-dir", str(cache)],
                             prog_name="corpus")

    return invoke


@pytest.mark.parametrize("name,fmt", sorted(GOLDEN))
def test_golden(run, name, fmt):
    res = run(*CASES[name], f"--{fmt}")
    assert res.exit_code == 0, res.output
    assert res.stdout == GOLDEN[(name, fmt)]


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl"])
def test_every_format_writes(run, name, fmt):
    res = run(*CASES[name], "--format", fmt)
    assert res.exit_code == 0, res.output
    tsv_rows = GOLDEN[(name, "tsv")].count("\n") - 1
    if fmt == "jsonl":
        assert len([json.loads(line) for line in res.stdout.splitlines()]) == tsv_rows
    elif fmt == "csv":
        assert res.stdout.count("\n") == tsv_rows + 1


def test_table_notes_name_formulas_and_options(run):
    out = run("freq", "--by", "group").stdout
    assert "Gries' DP" in out and "Juilland's D" in out and "N = 32 word tokens" in out
    assert "by=group" in out and "stop list shipped" in out
    out = run("cooc", "推动发展", "--window", "1,1").stdout
    assert "E11 = R1·C1/N" in out and "window area = 5" in out and "1 tokens left, 1 right" in out
    assert "measure=log_dice" in out and "min_freq=2" in out
    out = run("diff", "--a", "group=新赛道", "--b", "group=未来产业", "--ll", "2term", "--explain").stdout
    assert "ll_2term" in out.splitlines()[0] and "2-term (Rayson)" in out and "E11 = c·(a+b)/(c+d)" in out
    assert "A = group=新赛道 (9 word tokens); B = group=未来产业 (23 word tokens)" in out
    out = run("diff", "--terms", "新赛道", "未来产业", "--min-freq", "1").stdout
    assert "Jaccard" in out and "Rychlý" in out


def test_explain_columns(run):
    out = run("diff", "--a", "doc=fa", "--min-freq", "1", "--explain", "--json").stdout
    rows = json.loads(out)
    r = next(r for r in rows if r["term"] == "发展" and r["section"] == "shared")
    assert (r["o11"], r["o12"], r["o21"], r["o22"]) == (2, 5, 7, 18)
    assert r["e11"] == pytest.approx(round(9 * 7 / 32, 4))


def test_exit_codes_and_errors(run):
    res = run("cooc", "赛道")  # only inside the token 新赛道: no node, no rows
    assert res.exit_code == 1
    res = run("diff", "--a", "grp=新赛道")
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "doc=ID, group=G or outlet=O" in res.stderr
    res = run("freq", "--group", "nope")
    assert res.exit_code == 2 and "unknown group" in res.stderr
    res = run("cooc", "发展", "--window", "x")
    assert res.exit_code == 2 and "--window" in res.stderr
    res = run("freq", "--pos", "n", "--ngram", "2")
    assert res.exit_code == 2
    res = run("freq", "--stopwords", "/nonexistent/stop.txt")
    assert res.exit_code == 2 and "no such file" in res.stderr


def test_stopwords_options(run, tmp_path):
    stop = tmp_path / "stop.txt"
    stop.write_text("# mine\n发展\n", encoding="utf-8")
    terms = [r["term"] for r in json.loads(run("freq", "--stopwords", str(stop), "--json").stdout)]
    assert "发展" not in terms and "我们" in terms
    terms = [r["term"] for r in json.loads(run("freq", "--no-stopwords", "--keep-numbers", "--top", "0", "--json").stdout)]
    assert {"的", "了", "2026"} <= set(terms)
    rows = json.loads(run("freq", "--no-stopwords", "--keep-numbers", "--keep-punct", "--top", "0", "--json").stdout)
    assert sum(r["freq"] for r in rows) == 42
