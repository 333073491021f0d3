package pzn

import "strings"

// form is one dosage form: its canonical German name and what it may be written as.
type form struct {
	name    string
	aliases []string // lowercase, as whole words or word pairs
	suffix  string   // lowercase ending that marks a compound word ("Schmerzgel"), or ""
}

// forms are the dosage forms of DOMAIN.md (KBV codes among the aliases), most
// specific first so that "Augentropfen" wins over "Tropfen".
var forms = []form{
	{"Filmtabletten", []string{"filmtabletten", "filmtabl.", "filmtabl", "ftbl.", "fta", "film-coated tablets", "film tablets"}, ""},
	{"Retardtabletten", []string{"retardtabletten", "retardtabl.", "ret", "retard tablets", "prolonged-release tablets"}, ""},
	{"magensaftresistente Tabletten", []string{"magensaftresistente tabletten", "msr. tabl.", "msr.-tabl.", "tmr", "gastro-resistant tablets"}, ""},
	{"Brausetabletten", []string{"brausetabletten", "brausetabl.", "bta", "effervescent tablets"}, ""},
	{"Kautabletten", []string{"kautabletten", "chewable tablets"}, ""},
	{"Schmelztabletten", []string{"schmelztabletten", "orodispersible tablets"}, ""},
	{"Tabletten", []string{"tabletten", "tablette", "tabl.", "tabl", "tbl.", "tbl", "tab", "tablets", "tablet", "tabs"}, "tabletten"},
	{"Hartkapseln", []string{"hartkapseln", "hkp", "hard capsules"}, ""},
	{"Weichkapseln", []string{"weichkapseln", "soft capsules"}, ""},
	{"Kapseln", []string{"kapseln", "kapsel", "kaps.", "kps.", "kap", "capsules", "caps"}, "kapseln"},
	{"Dragees", []string{"dragees", "dragées", "drg."}, "dragees"},
	{"Augentropfen", []string{"augentropfen", "eye drops"}, ""},
	{"Nasentropfen", []string{"nasentropfen", "nasal drops"}, ""},
	{"Tropfen", []string{"tropfen", "tro", "drops"}, "tropfen"},
	{"Nasenspray", []string{"nasenspray", "nas", "nasal spray"}, ""},
	{"Dosieraerosol", []string{"dosieraerosol", "dos", "inhaler"}, ""},
	{"Spray", []string{"spray"}, "spray"},
	{"Trockensaft", []string{"trockensaft"}, ""},
	{"Saft", []string{"saft", "juice"}, "saft"},
	{"Sirup", []string{"sirup", "syrup"}, "sirup"},
	{"Lösung", []string{"lösung", "loesung", "lsg.", "solution"}, "lösung"},
	{"Suspension", []string{"suspension"}, "suspension"},
	{"Salbe", []string{"salbe", "sal", "ointment"}, "salbe"},
	{"Creme", []string{"creme", "crème", "cre", "cream"}, "creme"},
	{"Gel", []string{"gel"}, "gel"},
	{"Paste", []string{"paste"}, "paste"},
	{"Lotion", []string{"lotion"}, "lotion"},
	{"Zäpfchen", []string{"zäpfchen", "zaepfchen", "suppositorien", "supp.", "suppositories"}, "zäpfchen"},
	{"Pflaster", []string{"pflaster", "patch", "patches"}, "pflaster"},
	{"Pulver", []string{"pulver", "powder"}, "pulver"},
	{"Granulat", []string{"granulat", "granules"}, "granulat"},
	{"Beutel", []string{"beutel", "btl.", "sachets"}, "beutel"},
	{"Ampullen", []string{"ampullen", "amp.", "ampoules"}, ""},
	{"Fertigspritze", []string{"fertigspritze", "fertigspritzen", "pre-filled syringe"}, ""},
	{"Pen", []string{"pen", "fertigpen"}, ""},
	{"Inhalat", []string{"inhalat", "inhalation"}, ""},
	{"Tee", []string{"tee", "tea"}, "tee"},
	{"Globuli", []string{"globuli"}, ""},
}

// matchForm finds the dosage form that the words w[i] (and w[i+1]) name. It
// returns the form, how many words it used, and whether they were a standalone
// form word (true) or a compound such as "Schmerzgel" (false).
func matchForm(w []string, i int) (f form, n int, standalone bool) {
	for _, f := range forms {
		for _, a := range f.aliases {
			if strings.Contains(a, " ") {
				if i+1 < len(w) && w[i]+" "+w[i+1] == a {
					return f, 2, true
				}
			} else if w[i] == a || w[i] == strings.TrimSuffix(a, ".") && strings.HasSuffix(a, ".") {
				return f, 1, true
			}
		}
	}
	for _, f := range forms {
		if f.suffix != "" && len(w[i]) > len(f.suffix)+2 && strings.HasSuffix(w[i], f.suffix) {
			return f, 1, false
		}
	}
	return form{}, 0, false
}
