"""The tokens stage: tokenizers (jieba, rjieba) and their dictionaries, stop lists, sentences. The only stage that imports jieba."""
