package engine_test

import "testing"

// TestWhatIsHadIsNotOrdered: a clause that says the customer has a product
// already orders nothing; beside it, a product asked for is ordered, and a
// word of having in a clause that asks ("für zuhause bitte", "hab noch ein
// Rezept") does not stop the order.
func TestWhatIsHadIsNotOrdered(t *testing.T) {
	for _, c := range []struct {
		say  string
		want int // items on the request afterwards
	}{
		{"hab schon ibuprofen al 400 zuhause, danke", 0},
		{"Cetirizin AL hab ich noch genug", 0},
		{"we're fine on loperamid al, thanks", 0},
		{"die zwei packungen cetirizin al von gestern wirken auch", 0},
		{"Ibuprofen AL 400 hab ich noch, aber Loperamid AL 2 mg brauche ich", 1},
		{"hab noch ein Rezept, bitte Ibuprofen AL 400 zurücklegen", 1},
		{"Cetirizin AL für zuhause bitte", 1},
		{"already have ibuprofen al 400, need loperamid al 2 mg please", 1},
	} {
		c2 := newChat(t)
		c2.say(c.say)
		if got := len(c2.items()); got != c.want {
			t.Errorf("%q: %d items %q, want %d", c.say, got, c2.items(), c.want)
		}
	}
}
