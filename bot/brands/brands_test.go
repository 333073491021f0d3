package brands

import (
	"slices"
	"testing"
)

// TestDefault: the embedded file loads, is within the size the package
// promises, and every entry's name finds itself.
func TestDefault(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatalf("the embedded brand file: %v", err)
	}
	if n := s.Len(); n < 120 || n > 260 {
		t.Errorf("%d brands, want 120 to 260", n)
	}
	for _, e := range s.entries {
		for _, name := range e.names {
			if b, ok := s.Lookup(name); !ok || b.Name != e.brand.Name {
				t.Errorf("Lookup(%q) = %q, %v, want %q", name, b.Name, ok, e.brand.Name)
			}
		}
	}
}

// TestLookup: German and international brands, in the spellings
// customers type, give the ingredient, form and strength the brand fixes.
func TestLookup(t *testing.T) {
	s := mustDefault(t)
	for _, c := range []struct {
		text, ingredient, form, strength string
	}{
		{"Dolormin", "Ibuprofen", "", ""},
		{"dolormin extra", "Ibuprofen", "", "400 mg"},
		{"NUROFEN", "Ibuprofen", "", ""},
		{"Aktren forte", "Ibuprofen", "", "400 mg"},
		{"ben-u-ron", "Paracetamol", "", ""},
		{"Benuron", "Paracetamol", "", ""},
		{"ben u ron", "Paracetamol", "", ""},
		{"Ben-U-Ron®", "Paracetamol", "", ""},
		{"ibu ratiopharm", "Ibuprofen", "", ""},
		{"Aspirin", "Acetylsalicylsäure", "", ""},
		{"Aspirin protect 100", "Acetylsalicylsäure", "magensaftresistente Tabletten", "100 mg"},
		{"ASS100", "Acetylsalicylsäure", "", "100 mg"},
		{"Voltaren Schmerzgel", "Diclofenac", "Gel", ""},
		{"voltaren schmerz-gel", "Diclofenac", "Gel", ""},
		{"Voltaren Emulgel", "Diclofenac", "Gel", ""},
		{"Zyrtec", "Cetirizin", "", ""},
		{"Lorano akut", "Loratadin", "", "10 mg"},
		{"imodium akut", "Loperamid", "", "2 mg"},
		{"Lopedium", "Loperamid", "", ""},
		{"Antra MUPS", "Omeprazol", "", ""},
		{"pantozol control", "Pantoprazol", "", "20 mg"},
		{"Olynth", "Xylometazolin", "", ""},
		{"otriven", "Xylometazolin", "", ""},
		{"Vigantoletten 1000", "Vitamin D3", "Tabletten", "1000 I.E."},
		{"Dekristol 20.000", "Vitamin D3", "Weichkapseln", "20000 I.E."},
		{"Dekristol 20000", "Vitamin D3", "Weichkapseln", "20000 I.E."},
		{"Vigantol Öl", "Vitamin D3", "Tropfen", ""},
		{"vigantol oel", "Vitamin D3", "Tropfen", ""},
		{"Vigantol Ol", "Vitamin D3", "Tropfen", ""},
		{"Vigantol O\u0308l", "Vitamin D3", "Tropfen", ""},
		{"Lefax", "Simeticon", "", ""},
		{"Movicol", "Macrogol", "", ""},
		{"Sultanol", "Salbutamol", "", ""},
		{"L-Thyroxin", "Levothyroxin", "", ""},
		{"l thyroxin", "Levothyroxin", "", ""},
		{"Lthyroxin", "Levothyroxin", "", ""},
		{"Euthyrox", "Levothyroxin", "", ""},
		{"Tylenol", "Paracetamol", "", ""},
		{"tylenol extra strength", "Paracetamol", "", "500 mg"},
		{"Panadol", "Paracetamol", "", ""},
		{"Calpol", "Paracetamol", "", ""},
		{"Advil", "Ibuprofen", "", ""},
		{"Motrin", "Ibuprofen", "", ""},
		{"Brufen", "Ibuprofen", "", ""},
		{"Claritin", "Loratadin", "", ""},
		{"Clarityn", "Loratadin", "", ""},
		{"Nexium", "Esomeprazol", "", ""},
		{"Prilosec OTC", "Omeprazol", "", "20 mg"},
		{"Losec", "Omeprazol", "", ""},
		{"Aleve", "Naproxen", "", ""},
		{"Mucinex", "Guaifenesin", "", ""},
		{"Dulcolax", "Bisacodyl", "", ""},
		{"Senokot", "Sennoside", "", ""},
		{"Pepto-Bismol", "Bismutsubsalicylat", "", ""},
		{"pepto bismol", "Bismutsubsalicylat", "", ""},
		{"Bepanthen", "Dexpanthenol", "", ""},
		{"Fenistil", "Dimetinden", "", ""},
		{"Fenistil Hydrocort", "Hydrocortison", "", ""},
		{"Otrivine", "Xylometazolin", "", ""},
		{"Tums", "Calciumcarbonat", "", ""},
		{"Zantac 360", "Famotidin", "", ""},
	} {
		b, ok := s.Lookup(c.text)
		got, single := b.Ingredient()
		if !ok || !single || got != c.ingredient || b.Form != c.form || b.Strength != c.strength {
			t.Errorf("Lookup(%q) = %+v, %v; want %s, form %q, strength %q", c.text, b, ok, c.ingredient, c.form, c.strength)
		}
	}
}

// TestCombinationsAndAmbiguous: a combination or a name with different
// contents by country is never one ingredient to offer instead.
func TestCombinationsAndAmbiguous(t *testing.T) {
	s := mustDefault(t)
	for _, c := range []struct {
		text      string
		ambiguous bool
		has       string
	}{
		{"Aspirin Complex", false, "Pseudoephedrin"},
		{"Aspirin plus C", false, "Ascorbinsäure"},
		{"Wick MediNait", false, "Doxylamin"},
		{"Grippostad C", false, "Chlorphenamin"},
		{"Dolomo", false, "Codein"},
		{"Dolomo TN", false, "Codein"},
		{"Excedrin", false, "Coffein"},
		{"Gaviscon", false, "Natriumalginat"},
		{"Rennie", false, "Magnesiumcarbonat"},
		{"Nasic", false, "Dexpanthenol"},
		{"Imodium akut plus", false, "Simeticon"},
		{"Nurofen Cold & Flu", false, "Pseudoephedrin"},
		{"Sudafed", true, "Pseudoephedrin"},
		{"Benadryl", true, "Diphenhydramin"},
		{"Zantac", true, "Ranitidin"},
	} {
		b, ok := s.Lookup(c.text)
		if !ok || b.Combination == c.ambiguous || b.Ambiguous != c.ambiguous || !slices.Contains(b.Ingredients, c.has) {
			t.Errorf("Lookup(%q) = %+v, %v; want combination %v, ambiguous %v, with %s", c.text, b, ok, !c.ambiguous, c.ambiguous, c.has)
		}
		if in, single := b.Ingredient(); single {
			t.Errorf("%q offers %s alone", c.text, in)
		}
	}
}

// TestLookupMisses: a word that only contains a brand, or a brand with a
// word too many, is no brand.
func TestLookupMisses(t *testing.T) {
	s := mustDefault(t)
	for _, text := range []string{"", "   ", "Advilla", "Aspirinchen", "Nurofe", "ibuprofen", "as pro", "Zyrtec bitte", "Motrin-X", "🙂"} {
		if b, ok := s.Lookup(text); ok {
			t.Errorf("Lookup(%q) = %q, want none", text, b.Name)
		}
	}
}

// TestFind: brands inside sentences, with the span of their words; the
// longest name wins; words that only contain a brand are none.
func TestFind(t *testing.T) {
	s := mustDefault(t)
	for _, c := range []struct {
		text string
		want []string // text[Start:End] of each hit, then its brand name
	}{
		{"ich hatte schon mal aspirin aber das vertrag ich nicht", []string{"aspirin", "Aspirin"}},
		{"Aspirin protect 100 mg, nehm ich jeden morgen", []string{"Aspirin protect 100", "Aspirin protect 100"}},
		{"nurofen junior fiebersaft für meine tochter sie ist 5", []string{"nurofen junior fiebersaft", "Nurofen Junior Fiebersaft"}},
		{"zweimal benuron und einmal zyrtec bitte", []string{"benuron", "ben-u-ron", "zyrtec", "Zyrtec"}},
		{"griaß eich, a voltaren gel hätt i gern", []string{"voltaren gel", "Voltaren Schmerzgel"}},
		{"Vigantoletten 1000 für den Winter bitte", []string{"Vigantoletten 1000", "Vigantoletten 1000"}},
		{"dekristol 20.000 IE", []string{"dekristol 20.000", "Dekristol 20000"}},
		{"Do you have Tylenol? pounding headache", []string{"Tylenol", "Tylenol"}},
		{"need Advil bitte, Advilla ist ein Ort", []string{"Advil", "Advil"}},
		{"ibuprofen 400, NICHT nurofen, das günstige", []string{"nurofen", "Nurofen"}},
		{"die Ben-U-Ron-Zäpfchen", []string{"Ben-U-Ron", "ben-u-ron"}},
		{"Advilla, Aspirinchen, Nurofe und Zyrtecs", nil},
		{"as pro as you can", nil},
		{"Ibuprofen AL 400 mg 20 Stück bitte", nil},
	} {
		var got []string
		for _, h := range s.Find(c.text) {
			got = append(got, c.text[h.Start:h.End], h.Brand.Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Find(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestFreshBrandBatch: every brand the customers of the fresh brand batch
// (bot/testdata/fresh/brands.txt, written without seeing this list) named
// is found in their message, with the ingredient that batch expects.
func TestFreshBrandBatch(t *testing.T) {
	s := mustDefault(t)
	for _, c := range []struct{ text, ingredient string }{
		{"Dolormin extra bitte, eine packung", "Ibuprofen"},
		{"haben sie nurofen 400? brauch das gegen meine rückenschmerzen", "Ibuprofen"},
		{"aktren forte einmal zum abholen heute", "Ibuprofen"},
		{"benuron tabletten bidde 😷", "Paracetamol"},
		{"Voltaren Schmerzgel, die große Tube wenns geht", "Diclofenac"},
		{"imodium akut für die reise nach ägypten, fliegen mittwoch", "Loperamid"},
		{"Antra 20 hätte ich gern, das Sodbrennen ist wieder da", "Omeprazol"},
		{"pantozol 20 gibts das bei euch?", "Pantoprazol"},
		{"dekristol für mich und meinen mann, die sonne fehlt halt 🌧️", "Vitamin D3"},
		{"ne packung aspirin bitte, hab kopfschmerzen vom feiern gestern", "Acetylsalicylsäure"},
		{"ibu ratiopharm 400 oder was ihr halt da habt", "Ibuprofen"},
		{"Lorano akut bitte", "Loratadin"},
		{"haben sie nexium control? das andere hilft bei mir nicht", "Esomeprazol"},
		{"hiya, could I get some panadol 500mg please", "Paracetamol"},
		{"need calpol for my toddler, we're visiting from Leeds", "Paracetamol"},
		{"looking for motrin, the regular one, any chance?", "Ibuprofen"},
		{"Brufen 400 one box, thanks", "Ibuprofen"},
		{"do you carry Claritin? the non drowsy one", "Loratadin"},
		{"is there prilosec otc here? or the german version of it", "Omeprazol"},
		{"Allegra 180 for allergies, do you have it?", "Fexofenadin"},
		{"tylenol extra strength or whatever you call acetaminophen over here", "Paracetamol"},
		{"hi, Aleve please, 1 pack", "Naproxen"},
		{"pepcid for heartburn? the chewable ones", "Famotidin"},
		{"Aerius 5 mg eine Packung bitte", "Desloratadin"},
		{"Hallo! ich bin aus USA, need Advil bitte, spreche wenig deutsch", "Ibuprofen"},
		{"ja hallo ich bräuchte dieses imodium zum auf der zunge zergehen lassen", "Loperamid"},
	} {
		hits := s.Find(c.text)
		if len(hits) != 1 {
			t.Errorf("Find(%q) = %d hits, want 1", c.text, len(hits))
			continue
		}
		if in, ok := hits[0].Brand.Ingredient(); !ok || in != c.ingredient {
			t.Errorf("Find(%q) = %+v, want %s", c.text, hits[0].Brand, c.ingredient)
		}
	}
}

// TestLookupCopies: a caller that changes what it got changes nothing in
// the set.
func TestLookupCopies(t *testing.T) {
	s := mustDefault(t)
	b, _ := s.Lookup("Zyrtec")
	b.Ingredients[0] = "Kreide"
	if again, _ := s.Lookup("Zyrtec"); again.Ingredients[0] != "Cetirizin" {
		t.Fatalf("the set changed to %v", again.Ingredients)
	}
}

func mustDefault(t *testing.T) *Set {
	t.Helper()
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return s
}
