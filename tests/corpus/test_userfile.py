"""The small files a user names (codebook, dictionary, term list, coding export): bounded,
UTF-8 with or without a byte order mark, and one actionable line for each way they fail."""

import io
import sys

import pytest

from corpus_tui.corpus.userfile import read_user_text
from corpus_tui.errors import CorpusError


class _Own(CorpusError):
    pass


def test_reads_utf8_and_drops_a_byte_order_mark(tmp_path):
    f = tmp_path / "t.txt"
    f.write_bytes("\ufeff新赛道\n未来产业\n".encode("utf-8"))
    assert read_user_text(f, "--terms-from", 1 << 10) == "新赛道\n未来产业\n"


def test_a_file_of_exactly_the_limit_is_read_one_byte_more_is_refused(tmp_path):
    f = tmp_path / "t.txt"
    f.write_bytes(b"a" * 2048)
    assert read_user_text(f, "x", 2048) == "a" * 2048
    f.write_bytes(b"a" * 2049)
    with pytest.raises(CorpusError) as err:
        read_user_text(f, "--dict", 2048, too_large="; split it")
    assert str(err.value) == f"--dict: {f} is larger than 2 KB; split it"


def test_an_endless_file_is_refused_at_the_bound():
    with pytest.raises(CorpusError) as err:
        read_user_text("/dev/zero", "--terms-from", 3 << 20)
    assert str(err.value) == "--terms-from: /dev/zero is larger than 3 MB"


def test_missing_unreadable_and_undecodable_files_name_the_file_and_the_line(tmp_path):
    with pytest.raises(_Own) as err:
        read_user_text(tmp_path / "none", "--dict", 100, error=_Own)
    assert str(err.value) == f"--dict: no such file: {tmp_path / 'none'}"
    with pytest.raises(_Own) as err:
        read_user_text(tmp_path / "none", "codebook", 100, error=_Own, missing="run corpus code init")
    assert str(err.value) == "run corpus code init"
    with pytest.raises(CorpusError) as err:
        read_user_text(tmp_path, "--dict", 100)
    assert str(err.value) == f"--dict: cannot read {tmp_path}: Is a directory"
    gbk = tmp_path / "g.txt"
    gbk.write_bytes("ok\n第二\n新赛道".encode("gbk"))
    with pytest.raises(CorpusError) as err:
        read_user_text(gbk, "--terms-from", 100)
    assert str(err.value) == (f"--terms-from {gbk}:2: not UTF-8 text (byte 3); "
                              "convert it, e.g. iconv -f gb18030 -t utf-8")


def test_a_dash_reads_standard_input_with_the_same_bound(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("数字经济\n".encode())))
    assert read_user_text("-", "--terms-from", 100) == "数字经济\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 101)))
    with pytest.raises(CorpusError) as err:
        read_user_text("-", "--terms-from", 100)
    assert str(err.value) == "--terms-from: - is larger than 100 bytes"
