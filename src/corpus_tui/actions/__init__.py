"""What each `corpus` command does, as plain functions of the command's parameters.

Click-free on purpose: the click commands (cli.py, cli_stats.py) declare options, help and
completion and then call these; corpus_tui.fastcli parses the common command lines itself
and calls the same functions without importing click. Each function takes exactly the
parameter names click gives the command (``ctx.params``), so both paths run the same code.
"""
