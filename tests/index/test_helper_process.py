"""index/helper_process.py: a forked child prepares, then answers one question; any failure of the
child is a None answer and the caller does the work itself. And the build's use of it: the
part-of-speech tags from the child are the tags the parent would compute."""

from __future__ import annotations

import os
import threading

import pytest

from corpus_tui.index import build

from corpus_tui.index import helper_process
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.index.open import open_index
from corpus_tui.tokens.tokenizer import dictionary_tags, package_userdict

from conftest import REPO

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not helper_process.can_fork(), reason="needs fork and two CPUs")


def test_the_child_answers_with_what_it_prepared():
    parent = os.getpid()
    job = helper_process.start(lambda: {"pid": os.getpid(), "words": ["新赛道", "未来产业"]},
                        lambda prepared, question: [prepared["pid"], [w for w in prepared["words"] if w in question]])
    child_pid, found = job.ask(["未来产业", "人工智能"])
    assert child_pid != parent and found == ["未来产业"]
    assert job.pid is None  # reaped


def test_large_questions_and_answers_pass_the_pipes():
    words = [f"词{i}" for i in range(200_000)]  # megabytes each way, far over a pipe's buffer
    job = helper_process.start(lambda: None, lambda _, question: question[::-1])
    assert job.ask(words) == words[::-1]


@pytest.mark.parametrize("where", ["prepare", "answer", "exit"])
def test_a_failing_child_answers_none(where):
    def prepare():
        if where == "prepare":
            raise RuntimeError("no table")
        return 1

    def answer(prepared, question):
        if where == "answer":
            raise ValueError("no answer")
        if where == "exit":
            os._exit(0)  # gone without a word
        return question

    job = helper_process.start(prepare, answer)
    assert job.ask("?") is None
    assert job.pid is None and job.to_child is None and job.from_child is None


def test_closing_without_asking_ends_the_child():
    job = helper_process.start(lambda: None, lambda _, q: q)
    pid = job.pid
    job.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # killed and reaped: no such child any more


def test_no_side_job_while_another_thread_runs():
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert helper_process.start(lambda: None, lambda _, q: q) is None
    finally:
        stop.set()
        worker.join()


def test_the_build_gets_the_same_tags_from_the_child(tmp_path, monkeypatch):
    started = []
    real_start = helper_process.start
    monkeypatch.setattr(helper_process, "start", lambda *a, **k: started.append(1) or real_start(*a, **k))
    idx = open_index(CorpusOptions(corpus=str(REPO), cache_dir=str(tmp_path / "with")), rebuild=True)
    assert started == [1]
    assert idx.tags == dictionary_tags(idx.vocab, (package_userdict(),))
    assert len(set(idx.tags)) > 20  # real tags, not a fallback's guesses
    idx.close()


def test_a_failed_tagger_leaves_the_tags_to_the_parent(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "_start_tagger", lambda spec, docs: helper_process.start(lambda: 1 / 0, lambda _, q: q))
    idx = open_index(CorpusOptions(corpus=str(REPO), cache_dir=str(tmp_path / "failed")), rebuild=True)
    assert idx.tags == dictionary_tags(idx.vocab, (package_userdict(),))
    idx.close()
