"""English: the word lists, triggers and patterns the extraction rules read (YAML)."""
