"""The word lists the extraction rules read (YAML), shipped with the package."""
