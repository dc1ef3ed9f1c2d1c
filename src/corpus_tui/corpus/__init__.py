"""The corpus stage: which folder, the INDEX.md catalogue, reading raw files and their encodings, clean text with its offset map."""
