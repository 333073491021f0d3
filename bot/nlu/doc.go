// Package nlu reads what a customer's message asks for, the way a
// pharmacist reads it: normalised first (case, umlaut spellings, doubled
// letters, punctuation), then matched word by word and phrase by phrase
// against the phrase files in phrases/, one per language, never by parts
// of words. It knows negations ("bitte nicht löschen") and whether the
// whole message is a command or only mentions one. The words are data: a
// pharmacist can add one to phrases/de.toml without touching code, and
// testdata/corpus.txt holds the sentences that must and must not be read
// as each intent. It stores and logs nothing.
package nlu
