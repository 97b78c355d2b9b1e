package ui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/saejob/saejob/model"
)

// keyCheckKey names the read that checks the key before a submit.
const keyCheckKey = "keycheck"

// checkKeyFirst stops a submit before its confirmation when the key is
// known to be refused, the namespace is of another region, or no read has
// shown yet that SAE accepts the key (then one cheap read is made first).
func (m *Model) checkKeyFirst() (tea.Cmd, bool) {
	a := m.acct()
	if ps := m.t.RegionProblems(m.region()); len(ps) > 0 {
		m.push(&confirm{
			title:    "NamespaceId is in another region: nothing can be sent",
			question: ps[0].Message + "\n\nNothing was sent.",
			choices: []choice{
				{"g", "choose another region", func(m *Model) tea.Cmd { return m.openRegions(nil) }},
				{"f", "go to NamespaceId", func(m *Model) tea.Cmd {
					cmd, _ := m.jump("NamespaceId")
					return cmd
				}},
			},
		})
		return nil, true
	}
	if a.keyRefused != nil {
		m.pushKeyRefused(a.keyRefused)
		return nil, true
	}
	if a.keyWorked {
		return nil, false
	}
	m.push(&keyChecking{})
	acc := a.acc
	a.onLoad[keyCheckKey] = func(m *Model, l *accountLoad) tea.Cmd {
		if kc, ok := m.top().(*keyChecking); ok && kc != nil {
			m.pop()
		}
		switch c := readCause(l.err); {
		case l.err == errCancelled:
			return nil
		case l.err == nil || c == model.CauseDenied:
			return m.startSubmit()
		case c == model.CauseKey:
			m.pushKeyRefused(l.err)
		default:
			m.push(&confirm{
				title: "Could not check the key with SAE",
				question: readReason(l.err) + "\n\nNothing was sent. " + pick(c == model.CauseThrottled,
					"SAE is busy: wait a little and press x again, or save the template.",
					"Check the network (and --endpoint, if given), then press x again; or save the template and submit it later."),
				choices: []choice{{"s", "save the template to a file", saveChoice}},
			})
		}
		return nil
	}
	return m.load(keyCheckKey, true, func(ctx context.Context) (any, error) {
		rs, err := acc.Regions(ctx)
		if err != nil {
			return nil, err
		}
		return rs, nil
	}), true
}

// saveChoice opens the save screen.
func saveChoice(m *Model) tea.Cmd {
	m.push(newSaveScreen(m.common(m.width, m.height)))
	return m.top().(*saveScreen).input.Focus()
}

// pushKeyRefused says that SAE refused the key, and what to do.
func (m *Model) pushKeyRefused(err error) {
	m.push(&confirm{
		title: "SAE refused the key: nothing can be sent with it",
		question: readReason(err) + "\n\nNothing was sent. Check the AccessKey ID and its secret (" + m.acct().where.Credentials +
			"): ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET, or 'aliyun configure' for a profile; then restart saejob. Save the template (s) to submit it later.",
		choices: []choice{{"s", "save the template to a file", saveChoice}},
	})
}

// keyChecking is the spinner while the key is checked before a submit.
type keyChecking struct{}

func (kc *keyChecking) update(c common, msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok && key.Matches(km, c.Keys.Cancel) {
		c.tell(stopLoad{keyCheckKey})
	}
	return nil
}

func (kc *keyChecking) helpKeys(c common) help.KeyMap {
	return viewKeys{keys: []key.Binding{as(c.Keys.Cancel, "stop checking")}, global: c.Keys.ShortHelp(), width: c.Width}
}

func (kc *keyChecking) view(c common) string {
	s := c.Theme
	lines := []string{"", "  " + c.Account.spinView() + " Checking the key with SAE before asking (DescribeRegions, only a read)…"}
	for _, l := range wrap("Nothing is sent until you say yes on the next screen.", c.Width-4) {
		lines = append(lines, "  "+s.Dim.Render(l))
	}
	return strings.Join(lines, "\n")
}
