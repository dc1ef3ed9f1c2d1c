"""The index stage: building the token arrays, the saved format, the warm stamp, the cache and its lock."""
