package model

import (
	"strings"
	"testing"

	"github.com/robfig/cron/v3"
)

// TestCronMessages checks that a bad cron expression is explained in its
// field's own terms, for each field and each kind of mistake.
func TestCronMessages(t *testing.T) {
	cases := []struct{ expr, want string }{
		// Minute, hour, day of month, month, day of week: out of range.
		{"61 1 * * ?", "the minute field takes 0–59; 61 is too big"},
		{"0 61 * * ?", "the hour field takes 0–23; 61 is too big"},
		{"0 24 * * ?", "the hour field takes 0–23; 24 is too big"},
		{"0 1 0 * ?", "the day-of-month field takes 1–31; 0 is too small"},
		{"0 1 32 * ?", "the day-of-month field takes 1–31; 32 is too big"},
		{"0 1 * 0 ?", "the month field takes 1–12; 0 is too small"},
		{"0 1 * 13 ?", "the month field takes 1–12; 13 is too big"},
		{"0 1 ? * 7", "the day-of-week field takes 0–6; 7 is too big (Sunday is 0)"},
		{"0 1-30 * * ?", "the hour field takes 0–23; 30 is too big"},
		{"0 1 1,40 * ?", "the day-of-month field takes 1–31; 40 is too big"},
		// Wrong field counts: Quartz forms say what to drop.
		{"0 0 1 * * ?", `drop the seconds field, as in "0 1 * * ?"`},
		{"0 0 1 * * ? 2026", `drop the seconds and year fields, as in "0 1 * * ?"`},
		// SAE's five fields and a Quartz year: dropping the seconds would
		// leave "?" in the month field, so the advice drops the year.
		{"0 1 */1 * ? *", `drop the year field, as in "0 1 */1 * ?"`},
		{"0 1 * * ? ? *", `it has 7 fields, as a Quartz expression with seconds and a year does; SAE takes 5 (minute hour day-of-month month day-of-week), with no seconds and no year`},
		// "?" means any day: not in the minute, hour or month field.
		{"1 */1 * ? *", `the month field takes no "?": "?" means any day, in the day-of-month or day-of-week field only; write * here`},
		{"? 1 * * *", `the minute field takes no "?"`},
		{"0 1 * *", "a cron expression has 5 fields (minute hour day-of-month month day-of-week); this one has 4"},
		{"every day", "this one has 2"},
		// Bad names.
		{"0 1 * FOO ?", `the month field takes 1–12 or the names JAN–DEC; "FOO" is neither`},
		{"0 1 ? * FUN", `the day-of-week field takes 0–6 or the names SUN–SAT; "FUN" is neither`},
		{"abc 1 * * ?", `the minute field takes numbers 0–59; "abc" is not one`},
		{"0 one * * ?", `the hour field takes numbers 0–23; "one" is not one`},
		// Bad steps and ranges.
		{"*/0 * * * ?", `the minute field's step "/0" must be a whole number of at least 1`},
		{"0 */x * * ?", `the hour field's step "/x" must be a whole number of at least 1`},
		{"0 1 */-2 * ?", `the day-of-month field's step "/-2"`},
		{"0 5-2 * * ?", "the hour field's range 5-2 runs backwards; write the smaller end first, as in 2-5"},
		{"0 1 5- * ?", "the day-of-month field has a range with a missing end"},
		{"0 1 1,,2 * ?", "the day-of-month field \"1,,2\" has an empty item"},
		// Quartz extensions.
		{"0 1 L * ?", "uses L, W or #, which SAE's cron does not take"},
		{"0 1 15W * ?", "uses L, W or #"},
		{"0 1 ? * MON#2", "uses L, W or #"},
		{"", "the cron expression is empty"},
	}
	for _, c := range cases {
		_, err := ParseCron(c.expr)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.expr, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "above maximum") {
			t.Errorf("%q: robfig's words leak: %v", c.expr, err)
		}
		// Advice is itself a valid expression.
		if err != nil {
			if _, advice, ok := strings.Cut(err.Error(), `as in "`); ok && strings.Contains(err.Error(), "field") {
				advice, _, _ = strings.Cut(advice, `"`)
				if _, aerr := ParseCron(advice); aerr != nil && strings.Contains(c.want, "drop") {
					t.Errorf("%q: advises %q, which is refused: %v", c.expr, advice, aerr)
				}
			}
		}
	}
	// The validator puts the field's words in the problem.
	tpl := referenceImage()
	tpl.TriggerConfig = &TriggerConfig{Type: "time", Cron: "0 61 * * ?"}
	ps := tpl.Validate().For("TriggerConfig")
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "the hour field takes 0–23; 61 is too big") {
		t.Errorf("validator: %s", dump(ps))
	}
}

// TestCronAcceptsWhatRobfigAccepts makes sure the plain-words check refuses
// nothing the schedule parser takes.
func TestCronAcceptsWhatRobfigAccepts(t *testing.T) {
	exprs := []string{
		"0 1 */1 * ?", "0 9 ? * 1-5", "0 9 ? * MON-FRI", "0 0 1 JAN ?", "0 0 1 jan-mar ?", "*/15 * * * ?",
		"0 0 * * ?", "5/10 * * * ?", "0 0-23/2 * * ?", "1,2,3 4 5 6 0", "59 23 31 12 6", "0 0 ? * SUN,SAT",
		"@daily", "@every 1h",
	}
	for _, p := range CronPresets {
		exprs = append(exprs, p.Cron)
	}
	for _, e := range exprs {
		if _, err := cron.ParseStandard(e); err != nil {
			t.Fatalf("robfig refuses %q: %v", e, err)
		}
		if _, err := ParseCron(e); err != nil {
			t.Errorf("%q: %v", e, err)
		}
	}
}
