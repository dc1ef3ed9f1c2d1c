#!/usr/bin/env bash
# Mutation testing of a module that computes what a user reads (docs/TESTING.md).
#   tools/mutation.sh MODULE TEST_PATH...
#   tools/mutation.sh corpus_tui.stats.measures tests/stats/test_measures.py tests/stats/test_significance.py
# Runs mutmut (pip install -e '.[mutation]') on every mutant of MODULE against the named tests
# (the ones meant to pin that module's behaviour), for at most MUTATION_SECONDS (default
# 3600), then prints the score: killed (timeouts count as killed) over every mutant but the
# equivalent ones listed with a reason in tools/mutation_excluded.txt.
# Not in CI: a module takes minutes to an hour. mutmut works in ./mutants (git-ignored);
# its configuration is written to setup.cfg for the run and removed after.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: tools/mutation.sh MODULE TEST_PATH..." >&2; exit 2; }
module=$1; shift
py=${PYTHON:-.venv/bin/python}
[ ! -e setup.cfg ] || { echo "setup.cfg exists; tools/mutation.sh writes its own" >&2; exit 2; }
trap 'rm -f setup.cfg' EXIT
{
  echo "[mutmut]"
  echo "source_paths = src/"
  echo "only_mutate = src/${module//.//}.py"
  printf 'also_copy =\n    seeds\n    INDEX.md\n    README.md\n    completions\n    docs\n    benchmarks\n'
  # Test ids are passed back to pytest by name: a parametrized id with CJK text (escaped to
  # \uXXXX by default) is then "not found" and the clean run fails; keep ids unescaped.
  # (one argument a line: mutmut passes a one-line value to pytest as a single argument)
  printf 'pytest_add_cli_args =\n    -p\n    no:cacheprovider\n    -q\n    -o\n    disable_test_id_escaping_and_forfeit_all_rights_to_community_support=true\n'
  printf 'pytest_add_cli_args_test_selection =\n'
  for t in "$@"; do printf '    %s\n' "$t"; done
} > setup.cfg
export CORPUS_TUI_CACHE=${CORPUS_TUI_CACHE:-$(mktemp -d)/cache}
rm -rf mutants
timeout "${MUTATION_SECONDS:-3600}" "$py" -m mutmut run --max-children "${MUTATION_JOBS:-2}" "${module}.*" || true
"$py" -m mutmut results --all true > mutants/results.txt
"$py" tools/mutation_score.py mutants/results.txt "$module"
