"""Coding: the codebook, the SQLite store of judgements on KWIC lines, anchors that survive an edited file, agreement."""
