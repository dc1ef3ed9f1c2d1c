"""The query stage: surface/word/regex search, KWIC, counts and the tables they print."""
