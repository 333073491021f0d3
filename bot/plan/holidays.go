package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
)

// stateHolidayLists are the public holidays of each German state, by its
// ISO 3166-2 code (github.com/rickar/cal/v2/de keeps them).
var stateHolidayLists = map[string][]*cal.Holiday{
	"BW": de.HolidaysBW, "BY": de.HolidaysBY, "BE": de.HolidaysBE, "BB": de.HolidaysBB,
	"HB": de.HolidaysHB, "HH": de.HolidaysHH, "HE": de.HolidaysHE, "MV": de.HolidaysMV,
	"NI": de.HolidaysNI, "NW": de.HolidaysNW, "RP": de.HolidaysRP, "SL": de.HolidaysSL,
	"SN": de.HolidaysSN, "ST": de.HolidaysST, "SH": de.HolidaysSH, "TH": de.HolidaysTH,
}

// DefaultState is Sachsen-Anhalt.
const DefaultState = "ST"

// stateHolidays returns the holidays of a state code ("ST", also "DE-ST").
func stateHolidays(state string) ([]*cal.Holiday, error) {
	code := strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(state)), "DE-")
	if code == "" {
		code = DefaultState
	}
	hs, ok := stateHolidayLists[code]
	if !ok {
		codes := make([]string, 0, len(stateHolidayLists))
		for c := range stateHolidayLists {
			codes = append(codes, c)
		}
		slices.Sort(codes)
		return nil, fmt.Errorf("plan: unknown state %q for holidays; use one of %s", state, strings.Join(codes, ", "))
	}
	return hs, nil
}
