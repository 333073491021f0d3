// Package match finds the products a customer names in the pharmacy's
// catalogue: it takes a request apart (name words, strength and unit, pack
// size, form, maker, standard pack size) and scores the catalogue's products
// against it, with typos, short forms and brands read as their active
// ingredients. The words it knows are the phrase files' (bot/nlu); stock
// itself is the store's.
package match
