"""The terminal app: screens, widgets and messages over the same core functions the CLI calls."""
