"""Writing and git: atomic files, comment-preserving YAML edits, the lock and crash journal, git itself."""
