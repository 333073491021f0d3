// Package stock holds small inventories for tests that need a catalogue
// without a database: the same few products in every package's tests.
package stock

import "github.com/apobot/apobot/bot"

// Small is seven products: Ibuprofen AL in two strengths and two pack
// sizes, Paracetamol, a prescription-only Metformin and Levothyroxin, and
// a gel.
var Small = []bot.Product{
	{PZN: "01234562", Name: "Ibuprofen AL", Strength: "400 mg", Form: "Filmtabletten", Count: 20, Maker: "AL", Stock: 3},
	{PZN: "27580899", Name: "Ibuprofen AL", Strength: "400 mg", Form: "Filmtabletten", Count: 50, Maker: "AL", Stock: 1},
	{PZN: "12345678", Name: "Ibuprofen AL", Strength: "600 mg", Form: "Filmtabletten", Count: 20, Maker: "AL"},
	{PZN: "00123458", Name: "Paracetamol ratiopharm", Strength: "500 mg", Form: "Tabletten", Count: 20, Maker: "ratiopharm"},
	{PZN: "03752864", Name: "Metformin STADA", Strength: "1000 mg", Form: "Filmtabletten", Count: 180, Maker: "STADA", Rx: true},
	{PZN: "01580241", Name: "Rheuma-Gel Wärme", Strength: "5 %", Form: "Gel", Count: 100, Maker: "Müller"},
	{PZN: "27580890", Name: "Levothyroxin Winthrop", Strength: "75 µg", Form: "Tabletten", Count: 100, Maker: "Winthrop", Rx: true},
}
