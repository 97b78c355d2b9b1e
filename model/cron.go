package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	// Embedded so that IANA zones validate the same on machines without zoneinfo.
	_ "time/tzdata"

	lnquy "github.com/lnquy/cron"
	"github.com/robfig/cron/v3"
)

// ParseCron parses a trigger's cron expression as SAE writes it: five fields
// (minute hour day-of-month month day-of-week), "?" allowed in the day fields.
// An error names the field at fault and says what it takes, in plain words.
func ParseCron(expr string) (cron.Schedule, error) {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return nil, fmt.Errorf("the cron expression is empty")
	}
	if !strings.HasPrefix(expr, "@") {
		if err := checkCronFields(strings.Fields(expr)); err != nil {
			return nil, err
		}
	}
	s, err := cron.ParseStandard(expr)
	if err != nil {
		return nil, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "failed to parse "))
	}
	return s, nil
}

// ParseTriggerZone reads a trigger time zone as SAE writes it ("GMT+8:00",
// "GMT-5", "GMT+5:30", "GMT", "UTC") into a fixed zone.
func ParseTriggerZone(zone string) (*time.Location, error) {
	z := strings.TrimSpace(zone)
	if z == "GMT" || z == "UTC" {
		return time.UTC, nil
	}
	rest, ok := strings.CutPrefix(z, "GMT")
	if !ok {
		rest, ok = strings.CutPrefix(z, "UTC")
	}
	if !ok || len(rest) < 2 || (rest[0] != '+' && rest[0] != '-') {
		return nil, fmt.Errorf("%q is not a GMT offset; write it like GMT+8:00", zone)
	}
	sign := 1
	if rest[0] == '-' {
		sign = -1
	}
	hh, mm, hasMin := strings.Cut(rest[1:], ":")
	h, err := strconv.Atoi(hh)
	if err != nil || len(hh) > 2 {
		return nil, fmt.Errorf("%q is not a GMT offset; write it like GMT+8:00", zone)
	}
	m := 0
	if hasMin {
		m, err = strconv.Atoi(mm)
		if err != nil || len(mm) != 2 || (m != 0 && m != 30 && m != 45) {
			return nil, fmt.Errorf("%q has odd minutes; offsets are whole or half hours, like GMT+5:30", zone)
		}
	}
	offset := sign * (h*3600 + m*60)
	if offset < -12*3600 || offset > 14*3600 {
		return nil, fmt.Errorf("%q is outside GMT-12:00 to GMT+14:00", zone)
	}
	return time.FixedZone(z, offset), nil
}

// NextRuns returns the next n times the schedule fires after from, in the
// trigger's zone (GMT+8:00 when zone is empty, SAE's default).
func NextRuns(expr, zone string, from time.Time, n int) ([]time.Time, error) {
	s, err := ParseCron(expr)
	if err != nil {
		return nil, err
	}
	if zone == "" {
		zone = "GMT+8:00"
	}
	loc, err := ParseTriggerZone(zone)
	if err != nil {
		return nil, err
	}
	out := make([]time.Time, 0, n)
	t := from.In(loc)
	for i := 0; i < n; i++ {
		t = s.Next(t)
		if t.IsZero() {
			break
		}
		out = append(out, t)
	}
	return out, nil
}

var (
	describerOnce sync.Once
	describer     *lnquy.ExpressionDescriptor
	describerErr  error
)

// DescribeCron reads a cron expression in plain English ("At 01:00").
func DescribeCron(expr string) (string, error) {
	if _, err := ParseCron(expr); err != nil {
		return "", err
	}
	describerOnce.Do(func() {
		describer, describerErr = lnquy.NewDescriptor(lnquy.Use24HourTimeFormat(true))
	})
	if describerErr != nil {
		return "", describerErr
	}
	if strings.HasPrefix(strings.TrimSpace(expr), "@") {
		return strings.TrimSpace(expr), nil
	}
	return describer.ToDescription(strings.ReplaceAll(expr, "?", "*"), lnquy.Locale_en)
}

var zoneCache sync.Map // IANA name -> error (nil when valid)

// CheckTimezone reports whether name is an IANA time zone (as Timezone takes).
func CheckTimezone(name string) error {
	if v, ok := zoneCache.Load(name); ok {
		if v == nil {
			return nil
		}
		return v.(error)
	}
	var err error
	switch {
	case name == "Local" || name == "":
		err = fmt.Errorf("%q is not an IANA time zone", name)
	default:
		_, err = time.LoadLocation(name)
	}
	if err != nil {
		zoneCache.Store(name, err)
	} else {
		zoneCache.Store(name, nil)
	}
	return err
}

// cronField is one field of a five-field cron expression.
type cronField struct {
	name   string
	lo, hi int
	names  []string // names for lo, lo+1, ... (JAN for 1), when the field takes them
	anyDay bool     // the field takes "?" (any day): the two day fields
}

var (
	cronFields = []cronField{
		{name: "minute", lo: 0, hi: 59},
		{name: "hour", lo: 0, hi: 23},
		{name: "day-of-month", lo: 1, hi: 31, anyDay: true},
		{name: "month", lo: 1, hi: 12, names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
		{name: "day-of-week", lo: 0, hi: 6, names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}, anyDay: true},
	}
	cronLayout = "minute hour day-of-month month day-of-week"
)

// checkCronFields checks each field of an expression the way robfig/cron
// parses it, and says what is wrong in the field's own terms: "the hour field
// takes 0–23; 61 is too big" rather than "end of range (61) above maximum (23)".
func checkCronFields(fields []string) error {
	switch n := len(fields); {
	case n == 6:
		// Quartz's seconds first, or SAE's five fields and a year: the
		// advice names whichever leaves a valid expression, never one that
		// is refused in turn.
		if five := fields[1:]; validCronFields(five) {
			return fmt.Errorf("it has 6 fields, as a Quartz expression with seconds does; SAE takes 5 (%s): drop the seconds field, as in %q", cronLayout, strings.Join(five, " "))
		}
		if five := fields[:5]; validCronFields(five) {
			return fmt.Errorf("it has 6 fields, the last one a year as Quartz writes it; SAE takes 5 (%s): drop the year field, as in %q", cronLayout, strings.Join(five, " "))
		}
		return fmt.Errorf("it has 6 fields; SAE takes 5 (%s), with no seconds and no year", cronLayout)
	case n == 7:
		if five := fields[1:6]; validCronFields(five) {
			return fmt.Errorf("it has 7 fields, as a Quartz expression with seconds and a year does; SAE takes 5 (%s): drop the seconds and year fields, as in %q", cronLayout, strings.Join(five, " "))
		}
		return fmt.Errorf("it has 7 fields, as a Quartz expression with seconds and a year does; SAE takes 5 (%s), with no seconds and no year", cronLayout)
	case n != 5:
		return fmt.Errorf("a cron expression has 5 fields (%s); this one has %d", cronLayout, n)
	}
	for i, f := range cronFields {
		if err := f.check(fields[i]); err != nil {
			return err
		}
	}
	return nil
}

// validCronFields reports whether five fields make an expression that
// ParseCron accepts.
func validCronFields(fields []string) bool {
	if len(fields) != 5 || checkCronFields(fields) != nil {
		return false
	}
	_, err := cron.ParseStandard(strings.Join(fields, " "))
	return err == nil
}

// check checks one field: a list of *, ?, values and ranges, each with an
// optional step.
func (f cronField) check(text string) error {
	for part := range strings.SplitSeq(text, ",") {
		if part == "" {
			return fmt.Errorf("the %s field %q has an empty item in its list; write items like 1,15", f.name, text)
		}
		body, step, stepped := strings.Cut(part, "/")
		if stepped {
			if n, err := strconv.Atoi(step); err != nil || n < 1 {
				return fmt.Errorf("the %s field's step %q must be a whole number of at least 1, as in */5", f.name, "/"+step)
			}
		}
		if body == "?" && !f.anyDay {
			return fmt.Errorf("the %s field takes no \"?\": \"?\" means any day, in the day-of-month or day-of-week field only; write * here", f.name)
		}
		if body == "*" || body == "?" {
			continue
		}
		from, to, isRange := strings.Cut(body, "-")
		lo, err := f.value(from)
		if err != nil {
			return err
		}
		if !isRange {
			continue
		}
		hi, err := f.value(to)
		if err != nil {
			return err
		}
		if lo > hi {
			return fmt.Errorf("the %s field's range %s runs backwards; write the smaller end first, as in %s-%s", f.name, body, to, from)
		}
	}
	return nil
}

// value reads one value of the field: a number in range, or a name (JAN, MON).
func (f cronField) value(s string) (int, error) {
	if strings.ContainsAny(s, "LW#") && !f.isName(s) {
		return 0, fmt.Errorf("the %s field %q uses L, W or #, which SAE's cron does not take; use numbers, ranges (1-5), lists (1,15) and steps (*/2)", f.name, s)
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		if i := f.nameIndex(s); i >= 0 {
			return f.lo + i, nil
		}
		if s == "" {
			return 0, fmt.Errorf("the %s field has a range with a missing end; write ranges like %d-%d", f.name, f.lo, f.hi)
		}
		if f.names != nil {
			return 0, fmt.Errorf("the %s field takes %s or the names %s–%s; %q is neither", f.name, f.span(), f.names[0], f.names[len(f.names)-1], s)
		}
		return 0, fmt.Errorf("the %s field takes numbers %s; %q is not one", f.name, f.span(), s)
	}
	switch {
	case n > f.hi:
		msg := fmt.Sprintf("the %s field takes %s; %d is too big", f.name, f.span(), n)
		if f.name == "day-of-week" && n == 7 {
			msg += " (Sunday is 0)"
		}
		return 0, errors.New(msg)
	case n < f.lo:
		return 0, fmt.Errorf("the %s field takes %s; %d is too small", f.name, f.span(), n)
	}
	return n, nil
}

func (f cronField) span() string { return fmt.Sprintf("%d–%d", f.lo, f.hi) }

func (f cronField) isName(s string) bool { return f.nameIndex(s) >= 0 }

func (f cronField) nameIndex(s string) int {
	for i, n := range f.names {
		if strings.EqualFold(n, s) {
			return i
		}
	}
	return -1
}
