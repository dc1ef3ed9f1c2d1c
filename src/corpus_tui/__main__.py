from corpus_tui.cli.entry import main

main()
