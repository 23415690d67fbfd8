"""secbrowse store: reading, cleaning, extraction and SQLite. Never imports `tui`."""
