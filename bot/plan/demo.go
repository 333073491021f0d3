package plan

import "time"

// DemoPlanConfig is the demo pharmacy in Magdeburg: Monday to Friday 08:00-13:00
// and 14:00-18:30, Saturday 08:30-12:30; holidays of Sachsen-Anhalt; the
// wholesaler's day run (order by 10:30, delivered 13:30, Monday to Friday) and
// night run (order by 18:00, delivered 07:30 on the next delivery day, Monday
// to Saturday); half an hour to prepare an order.
func Demo(loc *time.Location) Config {
	weekday := []Span{{MustClock("08:00"), MustClock("13:00")}, {MustClock("14:00"), MustClock("18:30")}}
	var w Week
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = weekday
	}
	w[time.Saturday] = []Span{{MustClock("08:30"), MustClock("12:30")}}
	monFri := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	monSat := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
	return Config{
		Location: loc,
		State:    DefaultState,
		Hours:    w,
		Deliveries: []Delivery{
			{Cutoff: MustClock("10:30"), Arrives: MustClock("13:30"), Days: monFri},
			{Cutoff: MustClock("18:00"), Arrives: MustClock("07:30"), Days: monSat},
		},
		Buffer: 30 * time.Minute,
	}
}
