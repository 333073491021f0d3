package pzn

import "testing"

func TestParseProduct(t *testing.T) {
	tests := []struct {
		in   string
		want Product
	}{
		{"Ibuprofen AL 400 mg Filmtabletten 20 St. N1",
			Product{Name: "Ibuprofen AL", Strength: "400 mg", Form: "Filmtabletten", Count: 20, Unit: "St", NSize: "N1", Maker: "AL"}},
		{"ASS 100 Tabl. 100 St. N3",
			Product{Name: "ASS 100", Form: "Tabletten", Count: 100, Unit: "St", NSize: "N3"}},
		{"VOLTAREN Schmerzgel forte 23,2 mg/g 120 g",
			Product{Name: "VOLTAREN Schmerzgel forte", Strength: "23,2 mg/g", Form: "Gel", Count: 120, Unit: "g"}},
		{"ZacPac 40mg/1.000mg/500mg Kombipackung 42 Tbl. N2",
			Product{Name: "ZacPac", Strength: "40 mg/1000 mg/500 mg", Form: "Tabletten", Count: 42, Unit: "St", NSize: "N2"}},
		{"ARTELAC Augentropfen 2X10 ml",
			Product{Name: "ARTELAC", Form: "Augentropfen", Count: 20, Unit: "ml"}},
		{"Ibuprofen-ratiopharm 600 mg Filmtabletten 50 St N2",
			Product{Name: "Ibuprofen-ratiopharm", Strength: "600 mg", Form: "Filmtabletten", Count: 50, Unit: "St", NSize: "N2", Maker: "ratiopharm"}},
		{"Amoxicillin 1 g Filmtabletten 20 St",
			Product{Name: "Amoxicillin", Strength: "1 g", Form: "Filmtabletten", Count: 20, Unit: "St"}},
		{"Vigantol 1000 I.E. Tabletten 100 Stück",
			Product{Name: "Vigantol", Strength: "1000 I.E.", Form: "Tabletten", Count: 100, Unit: "St"}},
		{"Folsäure 400 µg 100 Tbl.",
			Product{Name: "Folsäure", Strength: "400 µg", Form: "Tabletten", Count: 100, Unit: "St"}},
		{"Folsäure 400mcg",
			Product{Name: "Folsäure", Strength: "400 µg"}},
		{"Nasenspray 0,1 % 10 ml",
			Product{Strength: "0,1 %", Form: "Nasenspray", Count: 10, Unit: "ml"}},
		{"Paracetamol 500 mg Tabletten PZN 01234562 20 St",
			Product{Name: "Paracetamol", Strength: "500 mg", Form: "Tabletten", Count: 20, Unit: "St"}},
		{"Hustensaft 100 ml",
			Product{Name: "Hustensaft", Form: "Saft", Count: 100, Unit: "ml"}},
		{"Pantoprazol 40 mg magensaftresistente Tabletten 100 St N3",
			Product{Name: "Pantoprazol", Strength: "40 mg", Form: "magensaftresistente Tabletten", Count: 100, Unit: "St", NSize: "N3"}},
		{"Ibuprofen 400 20 Stück",
			Product{Name: "Ibuprofen 400", Count: 20, Unit: "St"}},
		{"2,5 mg/ml Lösung",
			Product{Strength: "2,5 mg/ml", Form: "Lösung"}},
		{"Bepanthen Wund- und Heilsalbe 100 g",
			Product{Name: "Bepanthen Wund- und Heilsalbe", Form: "Salbe", Count: 100, Unit: "g"}},
		{"400 mg Ibuprofen",
			Product{Name: "Ibuprofen", Strength: "400 mg"}},
		{"Ibuprofen 400mg 20 film-coated tablets",
			Product{Name: "Ibuprofen", Strength: "400 mg", Form: "Filmtabletten", Count: 20, Unit: "St"}},
		{"Kochsalz 99999999999999999999999 ml", // a misreading, beyond any pack: no count, no overflow
			Product{Name: "Kochsalz", Unit: "ml"}},
		{"Tropfen 3X99999999999999999999 ml", Product{Form: "Tropfen", Unit: "ml"}},
		{"", Product{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ParseProduct(tt.in); got != tt.want {
				t.Fatalf("ParseProduct(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := map[string]string{"1.000": "1000", "23,2": "23,2", "0.125": "0,125", "1.5": "1,5", "1,000": "1", "10.000": "10000"}
	for in, want := range tests {
		if got := formatNumber(in); got != want {
			t.Errorf("formatNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseProductCountWords(t *testing.T) {
	for in, want := range map[string]int{"100 Tabletten": 100, "30 Kapseln": 30, "10 Beutel": 10, "5 Ampullen": 5, "12 Tbl": 12} {
		if got := ParseProduct("X " + in); got.Count != want || got.Unit != "St" {
			t.Errorf("ParseProduct(%q) count = %d %s, want %d St", in, got.Count, got.Unit, want)
		}
	}
}
