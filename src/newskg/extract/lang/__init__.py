"""The language folders: everything the rules know of a language (its words, triggers,
titles, calendar) as data, one folder per language (`en/`). The rules read a language only
through `newskg.extract.vocabulary.load`, so a second language is a second folder."""
