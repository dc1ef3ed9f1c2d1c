"""The command line: click commands, the click-free fast path with its generated table, TAB completion."""
