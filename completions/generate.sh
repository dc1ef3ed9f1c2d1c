#!/bin/sh
# Regenerate the shipped completion scripts from click: each file is exactly what
# `_CORPUS_COMPLETE={bash,zsh,fish}_source corpus` prints (tests/test_completion.py fails
# when they are stale). Also rewrites src/corpus_tui/cli/completion_spec.py, the command table
# the click-free TAB path reads (tests/test_fastcomplete.py fails when it is stale), and
# src/corpus_tui/cli/fast_spec.py, the options, types and defaults the click-free command path
# reads (tests/cli/test_fast.py fails when it is stale).
# Run from anywhere: completions/generate.sh
set -eu
cd "$(dirname "$0")/.."
exec "${PYTHON:-python}" -m corpus_tui.cli.shell completions
