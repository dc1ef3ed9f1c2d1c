"""`--cql` token patterns and CCL proximity terms on kwic and search, on the fixture corpus."""

import pytest
from click.testing import CliRunner

from clipaths import PATHS


@pytest.fixture(params=sorted(PATHS))
def run(request, fixture_corpus, session_cache, fixture_index):
    """Through click, and through the fast path as the `corpus` entry point runs it."""
    runner = CliRunner()
    command = PATHS[request.param]

    def invoke(*args):
        return runner.invoke(command, [*args, "--corpus", str(fixture_corpus), "--cache-dir", str(session_cache)],
                             prog_name="corpus")

    return invoke


VERB_BEFORE_CSV = "".join(line + "\n" for line in [
    'term,doc,article,file,line,column,start,end,left,node,right,location',
    '"[pos=""v""] ""新赛道""",alpha,,a.txt,3,7,19,24,在积极,开辟新赛道,，培育,a.txt:3:7',
    '"[pos=""v""] ""新赛道""",alpha,,a.txt,4,7,43,48,我们要,抢占新赛道,的先机,a.txt:4:7',
    '"[pos=""v""] ""新赛道""",beta,beta-2,sub/b.txt,8,5,171,176,来产业,需要新赛道,。 王,sub/b.txt:8:5',
])


def test_kwic_cql_node_is_the_whole_match(run):
    r = run("kwic", "--cql", '[pos="v"] "新赛道"', "--width", "6", "--csv")
    assert (r.exit_code, r.stdout, r.stderr) == (0, VERB_BEFORE_CSV, "")


def test_kwic_cql_sorts_by_the_token_left_of_the_match(run):
    r = run("kwic", "--cql", '[pos="v"] "新赛道"', "--sort", "1L", "--tsv", "--no-header")
    assert [line.split("\t")[9] for line in r.stdout.splitlines()] == ["需要新赛道", "开辟新赛道", "抢占新赛道"]


def test_kwic_cql_count_within_a_sentence(run):
    r = run("kwic", "--cql", '"未来产业" []{0,3} "新赛道" within s', "--count", "--tsv")
    assert r.stdout == 'term\thits\tfiles\tper_file\n"未来产业" []{0,3} "新赛道" within s\t2\t2\talpha:1, beta:1\n'
    # the beta hit crosses no sentence; across the 。 the gap is too wide
    r = run("kwic", "--cql", '"未来产业" []{0,3} "新赛道"', "--count", "--tsv", "--no-header")
    assert r.stdout.split("\t")[1] == "2"


def test_search_cql_gives_the_sentences(run):
    r = run("search", "--cql", '"加快" [pos="v"]', "--tsv", "--no-header")
    assert [line.split("\t")[7] for line in r.stdout.splitlines()] == [
        "在新的历史起点上，我们要加快发展未来产业，这是大势所趋，新赛道与未来产业相互促进。", "加快培育未来产业。"]


def test_ccl_proximity_either_order_within_n_characters(run):
    r = run("kwic", "未来产业#4新赛道", "--width", "4", "--tsv", "--no-header")
    assert [tuple(line.split("\t")[i] for i in (1, 6, 7, 9)) for line in r.stdout.splitlines()] == [
        ("alpha", "21", "31", "新赛道，培育未来产业"), ("alpha", "65", "73", "未来产业和新赛道"),
        ("beta", "134", "142", "新赛道与未来产业"), ("beta", "167", "176", "未来产业需要新赛道")]
    r = run("kwic", "未来产业$1新赛道", "--tsv", "--no-header")
    assert [line.split("\t")[9] for line in r.stdout.splitlines()] == ["未来产业和新赛道"]
    r = run("search", "未来产业$1新赛道", "--count", "--tsv", "--no-header")
    assert r.stdout.splitlines()[0].split("\t")[:2] == ["alpha", "1"]


@pytest.mark.parametrize("pattern, where", [
    ('[pos="v" "新赛道"', "column 10: expected ']' to close the [ at column 1, found '\"'"),
    ('[lemma="x"]', "column 2: unknown attribute 'lemma': use word or pos"),
    ('"a"{1,500}', "column 7: repetition bound 500 is over the limit of 100"),
])
def test_a_pattern_that_does_not_parse_is_one_line_naming_the_column(run, pattern, where):
    r = run("kwic", "--cql", pattern)
    assert r.exit_code == 2
    assert r.stderr == f"corpus: error: pattern {pattern!r}: {where}\n"


def test_nothing_matched_exits_1(run):
    r = run("kwic", "--cql", '[pos="v"] "不存在的词"', "--count")
    assert r.exit_code == 1


def test_trend_counts_a_pattern_per_period(run):
    r = run("trend", "--cql", '[pos="v"] "新赛道"', "--tsv")
    rows = [line.split("\t") for line in r.stdout.splitlines()]
    col = rows[0].index("freq")
    assert r.exit_code == 0 and sum(int(row[col]) for row in rows[1:]) == 3  # the three kwic hits


def test_freq_cql_slot_counts_the_verbs(run):
    r = run("freq", "--cql", '[pos="v"] "新赛道"', "--slot", "1", "--tsv")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.splitlines() == ["rank\tterm\tfreq\tpercent\tfiles", "1\t开辟\t1\t33.3333\t1",
                                     "2\t抢占\t1\t33.3333\t1", "3\t需要\t1\t33.3333\t1"]
    r = run("freq", "--cql", '[pos="v"] "新赛道"', "--tsv", "--no-header")
    assert [line.split("\t")[1] for line in r.stdout.splitlines()] == ["开辟 新赛道", "抢占 新赛道", "需要 新赛道"]


@pytest.mark.parametrize("args, message", [
    (("freq", "--slot", "1"), "--slot counts a slot of a pattern: give the pattern with --cql"),
    (("freq", "--cql", '"新赛道"', "--slot", "2"), "--slot 2: the pattern has 1 slot"),
    (("freq", "--cql", '"新赛道"', "--ngram", "2"), "--ngram, --by and --pos do not apply"),
])
def test_freq_cql_usage_errors(run, args, message):
    r = run(*args)
    assert r.exit_code == 2 and message in r.stderr and r.stderr.count("\n") == 1


def test_cooc_matrix_by_paragraph(run):
    # the fixture's clean lines: 未来产业 in lines 3 5 8 9, 新赛道 in 1 3 5 9 (a.txt's wraps joined)
    r = run("cooc", "--matrix", "未来产业", "新赛道", "--span", "paragraph", "--tsv")
    assert r.stdout.splitlines()[:3] == ["term\tfreq\tparagraphs\t未来产业\t新赛道", "未来产业\t6\t4\t4\t3",
                                         "新赛道\t7\t4\t3\t4"]
