package engine

import (
	"regexp"

	"github.com/apobot/apobot/bot/match"
	"github.com/apobot/apobot/bot/nlu"
)

// lexicon is what the dialog knows of customers' words: the phrase files'
// lexicon, read through match (its word lists, Normalize, ParseRequest),
// and the patterns built from its [words] lists once, when the engine is
// built. It is passed in (Config.Lexicon), never a package global, and
// does not change after newLexicon: safe for concurrent use.
type lexicon struct {
	match.Reader
	patterns
}

// patterns are the regular expressions and lists built from the [words]
// lists, on normalised text.
type patterns struct {
	// The quantity patterns are built from the phrase files' [words] lists
	// pack_words ("Packungen", "x", "boxes"), pieces ("Stück"), of_it
	// ("davon"), quantity_labels ("Anzahl") and polite ("bitte").

	// quantityRe is a message that only gives a number of packs: "2x", "3
	// Packungen", "Anzahl: 2", "2 packs of it", "2 davon bitte".
	quantityRe *regexp.Regexp

	// leadingQuantityRe is a number of packs before a product: "2x Ibu
	// 400", "2 Packungen Ibu", "2 mal Ibu", "2 boxes of paracetamol".
	leadingQuantityRe *regexp.Regexp

	// trailingQuantityRe is a number of packs after a product:
	// "Paracetamol 500 2 Packungen", "Ibu 400, 3x bitte".
	trailingQuantityRe *regexp.Regexp

	// piecesAfterPZNRe is "2 Stück" after a PZN, which names one pack.
	piecesAfterPZNRe *regexp.Regexp

	// packsInsideRe is a number of packs anywhere in a request: "ich
	// bräuchte bitte 2 Packungen Ibuprofen 400".
	packsInsideRe *regexp.Regexp

	// timesInsideRe is "2x" between commas inside a request ([words]
	// times): "Paracetamol 500, 2x, von Sandoz".
	timesInsideRe *regexp.Regexp

	// timesAfterRe is "x3", "mal 2" after a product: "PZN 46165976 x3".
	timesAfterRe *regexp.Regexp

	// itemQuantityRes are a quantity for a product named by a word of its name
	// ([words] of_item: "vom", "von der", "of the"): "vom Cetirizin 2", "2
	// vom Cetirizin", "3 of the paracetamol".
	itemQuantityRes []*regexp.Regexp

	// partSep is a word that joins the parts of a request ([words]
	// part_joiners).
	partSep *regexp.Regexp

	// eachRe is a quantity for each product at the end of a request: ", gern
	// je 2", "jeweils 3 Packungen" ([words] both, lead before it, pack_words
	// and polite after).
	eachRe *regexp.Regexp

	// eachFirstRe is a quantity for each product at the start of a request:
	// "je zwei von Cetirizin und Loperamid" ([words] both, of).
	eachFirstRe *regexp.Regexp

	// eachDescRe is a description for each product at the end of a request:
	// ", jeweils die kleinste Packung" ([words] lead and both before it).
	eachDescRe *regexp.Regexp

	// byMakerRe is an answer that names a maker: "die von Henning", "from Teva".
	// ([words] lead and choice before, by_maker before the name).
	byMakerRe *regexp.Regexp

	// replacedRe is a value taken back: a word of [words] replaced ("nicht",
	// "statt", "not", "instead of"), perhaps an article ([words] choice), and
	// the value, in normalised text.
	replacedRe *regexp.Regexp

	// notMakerRe is a maker the customer does not want: "nicht von Zentiva",
	// "kein Hexal", "not from Sandoz" ([words] not_maker_lead, not_maker,
	// choice, by_maker, maker_tail).
	notMakerRe *regexp.Regexp

	// weekdaySuffixes are [words] weekday_suffixes.
	weekdaySuffixes []string

	// ordinalSuffixes are [words] ordinal_suffixes.
	ordinalSuffixes []string

	// dayOnlyRe is a day of the month without the month after a word of
	// [words] day_only: "am 24.", "den 3."
	dayOnlyRe *regexp.Regexp

	// quantityReaders read a part's quantity, tried in this order.
	quantityReaders []func(part string) (int, string, bool)
}

// newLexicon builds the dialog's words from the phrase files' lexicon. The
// patterns quote every word (alt), so no word list can make them invalid:
// compiling them cannot fail whatever the phrase files say.
func newLexicon(words *nlu.Lexicon) *lexicon {
	lx := &lexicon{Reader: match.Reader{Lexicon: words}}
	lx.compileQuantities()
	lx.compileParts()
	lx.compileDays()
	lx.quantityReaders = lx.readersOfQuantity()
	return lx
}

// compileQuantities builds the patterns of a number of packs.
func (lx *lexicon) compileQuantities() {
	lx.quantityRe = regexp.MustCompile(`^(?:` + lx.alt("quantity_labels") + `)?\s*:?\s*(\d{1,3})\s*(?:` + lx.alt("pack_words", "pieces") + `)?` +
		`(?:\s+(?:` + lx.alt("of_it") + `))?(?:\s+(?:` + lx.alt("polite") + `))?\s*[.!]?$`)
	lx.leadingQuantityRe = regexp.MustCompile(`^(\d{1,3})\s*(?:` + lx.alt("pack_words") + `)\s+(?:(?:` + lx.alt("of") + `)\s+)?(.+)$`)
	lx.trailingQuantityRe = regexp.MustCompile(`^(.+?)[\s,]+(\d{1,3})\s*(?:` + lx.alt("pack_words") + `)(?:\s+(?:` + lx.alt("of_it") + `))?(?:\s+(?:` + lx.alt("polite") + `))?\s*[.!]?$`)
	lx.piecesAfterPZNRe = regexp.MustCompile(`^(.+?)[\s,]+(\d{1,2})\s*(?:` + lx.alt("pieces", "pack_words") + `)(?:\s+(?:` + lx.alt("polite") + `))?\s*[.!]?$`)
	lx.packsInsideRe = regexp.MustCompile(`^(.*?)(?:^|[\s,.]+)(\d{1,2})\s*(?:` + lx.alt("pack_words") + `)(?:[\s,.]+(.*))?$`)
	lx.timesInsideRe = regexp.MustCompile(`^(.+?)[\s,.]+(\d{1,2})\s*(?:` + lx.alt("times") + `)[\s,.]+(.+)$`) // normalize wrote commas as points
	lx.timesAfterRe = regexp.MustCompile(`^(.+?)[\s,]+(?:` + lx.alt("times") + `)\s*(\d{1,2})(?:\s+(?:` + lx.alt("polite") + `))?\s*[.!]?$`)
	lx.itemQuantityRes = []*regexp.Regexp{
		regexp.MustCompile(`^(?:` + lx.alt("of_item") + `)\s+(\p{L}[\p{L}\s-]*?)[\s:,]+(\d{1,3})\s*(?:` + lx.alt("pack_words", "pieces") + `)?[\s.!]*$`),
		regexp.MustCompile(`^(\d{1,3})\s*(?:` + lx.alt("pack_words", "pieces") + `)?\s+(?:` + lx.alt("of_item") + `)\s+(\p{L}[\p{L}\s-]*?)[\s.!]*$`),
	}
}

// compileParts builds the patterns that take a request apart: joiners, a
// quantity or description for each product, a maker named or not wanted.
func (lx *lexicon) compileParts() {
	lx.partSep = regexp.MustCompile(`(?i)\s+(?:` + lx.alt("part_joiners") + `)\s+`)
	lx.eachRe = regexp.MustCompile(`(?i)[,;]?\s*(?:(?:` + lx.alt("lead") + `)\s+)*(?:` + lx.alt("both") + `)\s+(\d{1,2}|\p{L}+)\s*(?:` + lx.alt("pack_words") + `)?(?:\s+(?:` + lx.alt("polite") + `))?\s*[.!]?\s*$`)
	lx.eachFirstRe = regexp.MustCompile(`(?i)^\s*(?:(?:` + lx.alt("lead") + `)\s+)*(?:` + lx.alt("both") + `)\s+(\d{1,2}|\p{L}+)\s*(?:` + lx.alt("pack_words") + `)?\s+(?:` + lx.alt("of") + `)\s+`)
	lx.eachDescRe = regexp.MustCompile(`(?i)[,;]?\s*(?:(?:` + lx.alt("lead") + `)\s+)*(?:` + lx.alt("both") + `)\s+([^,;]+?)\s*[.!]?\s*$`)
	lx.byMakerRe = regexp.MustCompile(`(?i)^\s*(?:(?:` + lx.alt("lead", "choice") + `)[\s,]+)*(?:` + lx.alt("by_maker") + `)\s+(\p{L}[\p{L}-]+)[\s.!?]*$`)
	lx.replacedRe = regexp.MustCompile(`(?:^|[\s,;.!]+)(?:` + lx.alt("replaced") + `)\s+(?:(?:` + lx.alt("choice") + `)\s+)?([\p{L}\d][\p{L}\d.]*)`)
	lx.notMakerRe = regexp.MustCompile(`(?i)[,;]?\s*(?:(?:` + lx.alt("not_maker_lead") + `)\s+){0,2}(?:` + lx.alt("not_maker") + `)\s+(?:(?:` + lx.alt("choice") + `)\s+)?(?:` +
		lx.alt("by_maker") + `)?\s*(\p{L}[\p{L}0-9-]*(?:\s+(?:` + lx.alt("maker_tail") + `))?)`)
}

// compileDays builds the patterns of days.
func (lx *lexicon) compileDays() {
	lx.weekdaySuffixes = lx.List("weekday_suffixes")
	lx.ordinalSuffixes = lx.List("ordinal_suffixes")
	lx.dayOnlyRe = regexp.MustCompile(`(?i)\b(?:` + lx.alt("day_only") + `)\s+(\d{1,2})\.(?:\s|$|[?!,])`)
}

// readersOfQuantity are the readers of a part's quantity, in order.
func (lx *lexicon) readersOfQuantity() []func(part string) (int, string, bool) {
	return []func(part string) (int, string, bool){
		reFirst(lx.leadingQuantityRe, func(p string) string { return lx.numberFirst(lx.stripLead(lx.Normalize(p))) }, 1, 2), // "2x Ibu 400"
		reFirst(lx.trailingQuantityRe, lx.Normalize, 2, 1),                                                                  // "Ibu 400 2x"
		lx.piecesAfterPZN, // "PZN 80380011, 2 Stück": a PZN is one pack
		lx.packsInside,    // "Ibu 400 2 Packungen 20 Stück"
		lx.fewPiecesAfter, // "Xylometazolin 0,1 % Heumann, zwei Stück"
		lx.numberWordLast, // "…, zwei"
		lx.timesInside,    // "Ibu 2 mal 400"
		reFirst(lx.timesAfterRe, lx.Normalize, 2, 1),                                                    // "Ibu 400 2 mal"
		func(p string) (int, string, bool) { return lx.numberWordFirst(lx.stripLead(lx.Normalize(p))) }, // "zwei Paracetamol 500"
		lx.packsSaid,       // "Loperamid AL 2 mg – davon zwei", "2 Stück Cetirizin AL 10 mg"
		lx.bareNumberFirst, // "1 pantoprazol 40mg bitte"
	}
}
