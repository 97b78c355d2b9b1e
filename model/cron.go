package model

import (
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
func ParseCron(expr string) (cron.Schedule, error) {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return nil, fmt.Errorf("the cron expression is empty")
	}
	if n := len(strings.Fields(expr)); !strings.HasPrefix(expr, "@") && n != 5 {
		return nil, fmt.Errorf("a cron expression has 5 fields (minute hour day month weekday), this one has %d", n)
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
