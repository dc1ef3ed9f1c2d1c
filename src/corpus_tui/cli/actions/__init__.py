"""What each command does between parsing and printing: the same functions for click and the fast path."""
