package pzn

// run is a number in text: digits in groups joined by one space or dash
// ("27580899", "0233 0799", "07 60 18 95", "0487-5741").
type run struct {
	start, end int
	digits     [8]byte
	n          int // digits in all groups; 9 stands for more than 8
	groups     int
	first      int // digits in the first group
	shortest   int // digits in the shortest group
}

// readRun reads the run of digit groups starting at the digit s[i].
func readRun(s string, i int) run {
	r := run{start: i, shortest: len(s)}
	group := 0
	for j := i; ; j++ {
		if j < len(s) && isDigit(s[j]) {
			if r.n < len(r.digits) {
				r.digits[r.n] = s[j]
			}
			r.n = min(r.n+1, len(r.digits)+1)
			group++
			continue
		}
		if r.groups++; r.groups == 1 {
			r.first = group
		}
		r.shortest = min(r.shortest, group)
		group = 0
		if j+1 < len(s) && (s[j] == ' ' || s[j] == '-') && isDigit(s[j+1]) {
			continue
		}
		r.end = j
		return r
	}
}

// findRuns returns the runs of eight digits that pass the check digit and
// that the words before them do not call something else (a phone, customer
// or order number). Labelled, the groups may be of any size from two digits
// ("PZN 07 60 18 95"); unlabelled, a run is eight digits or two groups of
// four ("0487-5741").
func findRuns(s string, lb *labels) []Finding {
	var out []Finding
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		r := readRun(s, i)
		if f, ok := r.finding(s, lb); ok {
			out = append(out, f)
		}
		i = r.end
	}
	return out
}

// finding judges a run in its text.
func (r run) finding(s string, lb *labels) (Finding, bool) {
	if r.n != len(r.digits) || !standsAlone(s, r.start, r.end) || !validDigits(r.digits[:]) {
		return Finding{}, false
	}
	plain, fourFour := r.groups == 1, r.groups == 2 && r.first == 4
	f := Finding{PZN: PZN(s[r.start:r.end]), Start: r.start, End: r.end, Corrected: !plain}
	if !plain {
		f.PZN = PZN(r.digits[:])
	}
	switch lb.before(s, r.start) {
	case otherLabel:
		return Finding{}, false
	case pznLabel:
		f.Labelled = true
		return f, plain || r.shortest >= 2
	}
	return f, plain || fourFour
}

// standsAlone rejects digit runs that are part of something larger: a word, a
// phone number ("+49", "0391 12345678"), a grouped number (IBAN blocks, dates),
// or a decimal ("12345678,50").
func standsAlone(s string, i, j int) bool {
	if i > 0 {
		switch c := s[i-1]; {
		case isAlnum(c) || c == '+' || c == '/' || c == ',' || c == '.' || c == '(' && i > 1 && isDigit(s[i-2]):
			return false
		case c == ' ' && i > 1 && (isDigit(s[i-2]) || s[i-2] == '/'):
			return false
		}
	}
	if j < len(s) {
		switch c := s[j]; {
		case isAlnum(c) || c == '/':
			return false
		case (c == ',' || c == '.' || c == ' ' || c == '-') && j+1 < len(s) && isDigit(s[j+1]):
			return false
		}
	}
	return true
}
