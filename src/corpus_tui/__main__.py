from corpus_tui.cli import main

main()
