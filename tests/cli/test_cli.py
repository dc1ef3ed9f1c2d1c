"""CLI behaviour on the fixture corpus: exact output per format, exit codes, errors.

The fixture (conftest.py) is hard-wrapped like a PDF extraction and has a page marker, so
these outputs also pin that cut terms are found and reported at the raw line they start on.
"""

import json

import pytest
from click.testing import CliRunner

from clipaths import PATHS
from corpus_tui.cli.commands import cli


@pytest.fixture(params=sorted(PATHS))
def run(request, fixture_corpus, session_cache, fixture_index):
    """Each test runs twice: through click, and through fastcli as the `corpus` entry point does."""
    runner = CliRunner()
    command = PATHS[request.param]

    def invoke(*args, input=None):
        return runner.invoke(command, [*args, "--corpus", str(fixture_corpus), "--cache-dir", str(session_cache)],
                             input=input, prog_name="corpus")

    return invoke


KWIC_CSV = """\
term,doc,article,file,line,column,start,end,left,node,right,location
未来产业,beta,beta-1,sub/b.txt,2,17,122,126,快发展,未来产业,，这是,sub/b.txt:2:17
未来产业,beta,beta-1,sub/b.txt,4,15,138,142,赛道与,未来产业,相互促,sub/b.txt:4:15
未来产业,beta,beta-2,sub/b.txt,7,5,161,165,快培育,未来产业,。 未,sub/b.txt:7:5
未来产业,beta,beta-2,sub/b.txt,8,1,167,171,业。 ,未来产业,需要新,sub/b.txt:8:1
"""


def test_kwic_csv_finds_the_term_cut_by_a_page_marker_at_its_first_raw_line(run):
    r = run("kwic", "未来产业", "--width", "6", "--doc", "beta", "--csv")
    assert (r.exit_code, r.stdout, r.stderr) == (0, KWIC_CSV, "")


def test_kwic_tsv_finds_the_term_cut_by_a_wrap(run):
    # 产业体系建设 is cut between 建 (end of raw line 5) and 设 (start of line 6)
    r = run("kwic", "产业体系建设", "--width", "4", "--tsv", "--no-header")
    assert r.stdout == "产业体系建设\talpha\t\ta.txt\t5\t20\t82\t88\t代化\t产业体系建设\t。新\ta.txt:5:20\n"


def test_kwic_table_aligns_left_context_to_the_right(run):
    r = run("kwic", "未来产业", "--width", "8", "--doc", "alpha")
    assert r.stdout == (
        "location        left  node      right\n"
        "a.txt:3:15  道，培育  未来产业  的新动能\n"
        "a.txt:5:3   展，把握  未来产业  和新赛道\n"
        "2 hits; context 8 cells each side; sort doc; mode surface; start/end are code points in the clean text\n"
    )


def test_kwic_json_and_jsonl_carry_the_same_rows(run):
    rows = json.loads(run("kwic", "未来产业", "--width", "6", "--doc", "beta-2", "--json").stdout)
    lines = [json.loads(l) for l in run("kwic", "未来产业", "--width", "6", "--doc", "beta-2", "--jsonl").stdout.splitlines()]
    assert rows == lines
    assert [(r["location"], r["left"], r["node"], r["right"]) for r in rows] == [
        ("sub/b.txt:7:5", "快培育", "未来产业", "。 未"), ("sub/b.txt:8:1", "业。 ", "未来产业", "需要新")]


def test_kwic_sort_and_token_context(run):
    r = run("kwic", "新赛道", "--sort", "1L", "--tokens", "1", "--tsv")
    got = [l.split("\t")[8] for l in r.stdout.splitlines()[1:]]
    assert got == sorted(got)
    assert len(got) == 7


def test_kwic_count_per_term_with_terms_from_stdin(run):
    r = run("kwic", "--terms-from", "-", "--count", "--tsv", input="新赛道\n未来产业\n\n耐心资本\n")
    assert r.stdout == ("term\thits\tfiles\tper_file\n"
                        "新赛道\t7\t2\talpha:5, beta:2\n"
                        "未来产业\t6\t2\talpha:2, beta:4\n"
                        "耐心资本\t1\t1\talpha:1\n")


def test_search_sentences_with_all_terms(run):
    r = run("search", "新赛道", "未来产业", "--tsv")
    assert r.exit_code == 0
    assert r.stdout == (
        "doc\tarticle\tfile\tline\tcolumn\tstart\thits\tsentence\tlocation\n"
        "alpha\t\ta.txt\t3\t9\t21\t2\t各地正在积极开辟新赛道，培育未来产业的新动能和新优势。\ta.txt:3:9\n"
        "alpha\t\ta.txt\t4\t9\t45\t3\t我们要抢占新赛道的先机，推动2026年的发展，把握未来产业和新赛道的机遇，促进现代化产业体系建设。\ta.txt:4:9\n"
        "beta\tbeta-1\tsub/b.txt\t2\t17\t122\t3\t在新的历史起点上，我们要加快发展未来产业，这是大势所趋，新赛道与未来产业相互促进。\tsub/b.txt:2:17\n"
        "beta\tbeta-2\tsub/b.txt\t8\t1\t167\t2\t未来产业需要新赛道。\tsub/b.txt:8:1\n"
    )


def test_search_any_counts_per_document(run):
    r = run("search", "耐心资本", "王五", "--any", "--count", "--csv")
    assert r.stdout == "doc,hits,group\nalpha,1,新赛道\nbeta,1,未来产业\n"


def test_search_query_with_half_width_punctuation_and_spaces(run):
    r = run("search", "2026 年的发展,把握", "--tsv", "--no-header")
    assert r.stdout.split("\t")[-1] == "a.txt:4:19\n"


def test_list_csv(run):
    r = run("list", "--csv")
    assert r.stdout == (
        "id,kind,parent,title,outlet,date,authors,group,lines,encoding,script,chars,tokens,file\n"
        "alpha,file,,新赛道观察,甲报,2026-01-02,张三,新赛道,1-6,utf-8,simplified,99,45,a.txt\n"
        "beta,file,,未来产业研究,乙刊,2026-02,李四; 王五,未来产业,1-9,utf-8,simplified,80,35,sub/b.txt\n"
        "beta-1,article,beta,第一篇,乙刊,2026-02,李四,未来产业,1-5,utf-8,simplified,51,24,sub/b.txt\n"
        "beta-2,article,beta,第二篇,丙报,2026-03,王五,未来产业,6-9,utf-8,simplified,29,11,sub/b.txt\n"
    )


def test_show_clean_raw_and_from_a_line(run):
    assert run("show", "beta-1").stdout == (
        "# 第一篇\n在新的历史起点上，我们要加快发展未来产业，这是大势所趋，新赛道与未来产业相互促进。\n李四\n")
    assert run("show", "beta-2", "--raw").stdout == "# 第二篇\n加快培育未来产业。\n未来产业需要新赛道。\n王五\n"
    assert run("show", "beta", "--raw", "--line", "8").stdout == "未来产业需要新赛道。\n王五\n"
    assert run("show", "alpha", "--line", "2").stdout.startswith("本报记者张三\n各地")


def test_meta_gives_provenance_first(run):
    out = run("kwic", "耐心资本", "--jsonl", "--meta").stdout.splitlines()
    meta = json.loads(out[0])["_meta"]
    assert meta["options"]["terms"] == ["耐心资本"]
    assert meta["tokenizer"].startswith("jieba ")
    assert "code points" in meta["offsets"]
    assert json.loads(out[1])["node"] == "耐心资本"


def test_json_with_meta_is_one_document_json_load_reads(run):
    doc = json.loads(run("kwic", "耐心资本", "--json", "--meta").stdout)
    assert sorted(doc) == ["_meta", "rows"]
    assert doc["_meta"]["options"]["terms"] == ["耐心资本"]
    assert [(r["doc"], r["node"], r["location"]) for r in doc["rows"]] == [("alpha", "耐心资本", "a.txt:6:8")]
    assert json.loads(run("kwic", "耐心资本", "--json").stdout)[0]["node"] == "耐心资本"


@pytest.mark.parametrize("args, message", [
    (("kwic", ""), "corpus: error: empty query: give a term to search for\n"),
    (("kwic", "   "), "corpus: error: empty query: give a term to search for\n"),
    (("kwic", "(", "--regex"), "corpus: error: invalid regular expression '(': missing ) at position 1\n"),
    (("kwic", "x", "--width", "3", "--tokens", "2"), "corpus: error: --width and --tokens exclude each other\n"),
    (("kwic", "x", "--sort", "9Q"), "corpus: error: unknown --sort '9Q'; choose from doc, 1L, 2L, 3L, 1R, 2R, 3R, 1L1R, 1R2R, 1L2L, node\n"),
    (("show", "nope"), "corpus: error: unknown document or article id 'nope'; known: alpha, beta, beta-1, beta-2\n"),
    (("kwic", "x", "--group", "无"), "corpus: error: unknown group '无'; known: 新赛道, 未来产业\n"),
    (("show", "alpha", "--line", "99"), "corpus: error: alpha has 6 lines; --line 99 is past its end\n"),
])
def test_user_errors_are_one_line_and_exit_2(run, args, message):
    r = run(*args)
    assert (r.exit_code, r.stderr, r.stdout) == (2, message, "")


def test_nothing_found_exits_1_with_an_empty_table(run):
    r = run("kwic", "无此词", "--tsv")
    assert (r.exit_code, r.stdout) == (1, "term\tdoc\tarticle\tfile\tline\tcolumn\tstart\tend\tleft\tnode\tright\tlocation\n")
    assert run("search", "无此词").exit_code == 1


def test_missing_corpus_folder_is_a_usage_error(tmp_path):
    r = CliRunner().invoke(cli, ["list", "--corpus", str(tmp_path / "nope")], prog_name="corpus")
    assert (r.exit_code, r.stderr) == (2, f"corpus: error: corpus folder not found: {tmp_path / 'nope'}\n")


def test_index_reports_what_it_built_and_status(run):
    out = run("index").stdout
    assert "files: 2  articles: 2  characters: 180  tokens: 80" in out
    st = run("index", "--status")
    assert st.exit_code == 0 and "status: current" in st.stdout
