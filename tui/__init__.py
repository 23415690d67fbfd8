"""secbrowse terminal app and command line."""
