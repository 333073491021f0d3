// Package triage reads whether a customer's message says that someone
// needs help now, before anything else in it is read: an emergency (112:
// breathing, swelling of the throat, unconsciousness, seizures, chest
// pain, bleeding that does not stop), something swallowed (the poison
// information centre of the pharmacy's state), or an urgent but not
// life-threatening situation (116 117 and the pharmacy on duty: high
// fever, a baby's fever, unbearable pain, "es ist dringend").
//
// The words are data (words/*.toml, one file per language, and
// centres.toml, the poison information centres by state), read once into
// a Reader. The rules are co-occurrences of word groups, so "Tabletten"
// alone is an order and "Tabletten geschluckt" a poisoning, whatever else
// the message says. A message triage finds anything in never starts an
// order: the bot answers where to turn, and the customer can order after.
package triage
