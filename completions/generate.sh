#!/bin/sh
# Regenerate the shipped completion scripts from click: each file is exactly what
# `_CORPUS_COMPLETE={bash,zsh,fish}_source corpus` prints (tests/test_completion.py fails
# when they are stale). Run from anywhere: completions/generate.sh
set -eu
cd "$(dirname "$0")/.."
exec "${PYTHON:-python}" -m corpus_tui.cli_shell completions
