from corpus_tui.entry import main

main()
