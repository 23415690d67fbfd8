"""Performance benchmark for secbrowse: corpus generator and bench (see docs/PERFORMANCE.md)."""
