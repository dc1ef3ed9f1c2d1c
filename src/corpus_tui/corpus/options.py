"""Which corpus, with which options: one value built once by a shell and handed to the core."""

from __future__ import annotations

from collections import namedtuple


class CorpusOptions(namedtuple("CorpusOptions", "corpus cache_dir userdict tokenizer encoding jobs script dask shard_size",
                              defaults=(None, None, None, "jieba", None, None, "fold", None, None))):
    __slots__ = ()
    # corpus: str | None = None
    # cache_dir: str | None = None
    # userdict: str | None = None
    # tokenizer: str = "jieba"
    # encoding: str | None = None
    # jobs: int | None = None
    # script: str = "fold"  -- "fold": both Chinese scripts meet on a Simplified view
    #                          (corpus.script); "exact": each as written. Its own index.
    # dask: str | None = None  -- a build tokenizes on this Dask cluster (a scheduler's
    #                          address or local:N, index.dask_run); not part of the key
    # shard_size: int | None = None  -- a build saves shards of this many files (index.shards);
    #                          not part of the key: a query gives the same output either way
