package brands

import "testing"

// BenchmarkFind is the brand search of one customer message.
func BenchmarkFind(b *testing.B) {
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	text := "Hallo, ich bräuchte zweimal benuron 500 und einmal Voltaren Schmerzgel, die große Tube, und für meine Tochter Nurofen Junior Fiebersaft, danke!"
	b.ReportAllocs()
	for b.Loop() {
		if len(s.Find(text)) != 3 {
			b.Fatal("want 3 hits")
		}
	}
}

// BenchmarkLoad reads the embedded brand file.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
