package submit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/aliyun/credentials-go/credentials/providers"

	"github.com/saejob/saejob/model"
)

// stsEndpoint, when set, is where RamRoleArn profiles ask STS (tests point
// it at a loopback server).
var stsEndpoint string

// externalTimeout bounds an External profile's process_command.
const externalTimeout = 60 * time.Second

// cliProfileProvider builds the credentials provider of an aliyun CLI
// profile, mode by mode as the CLI does. It never writes the user's
// configuration and never prints: renewed tokens live only in this process.
// depth counts source_profile hops, so a loop of profiles ends.
func cliProfileProvider(cfg *cliConfig, name string, depth int) (providers.CredentialsProvider, error) {
	p := cfg.profile(name)
	if p == nil {
		return nil, fmt.Errorf("profile %q is not in the file", name)
	}
	if depth > 8 {
		return nil, fmt.Errorf("profile %q: source_profile goes round in a loop", name)
	}
	static := func() (providers.CredentialsProvider, error) {
		if p.AccessKeyID == "" || p.AccessKeySecret == "" {
			return nil, fmt.Errorf("profile %q has no access_key_id or access_key_secret", name)
		}
		return providers.NewStaticAKCredentialsProviderBuilder().WithAccessKeyId(p.AccessKeyID).WithAccessKeySecret(p.AccessKeySecret).Build()
	}
	assumeRole := func(from providers.CredentialsProvider) (providers.CredentialsProvider, error) {
		b := providers.NewRAMRoleARNCredentialsProviderBuilder().
			WithCredentialsProvider(from).
			WithRoleArn(p.RoleArn).
			WithRoleSessionName(p.RoleSessionName).
			WithDurationSeconds(p.DurationSeconds).
			WithStsRegionId(p.StsRegion).
			WithEnableVpc(p.EnableVpc).
			WithPolicy(p.Policy).
			WithExternalId(p.ExternalId)
		if stsEndpoint != "" {
			b = b.WithStsEndpoint(stsEndpoint)
		}
		return b.Build()
	}
	switch p.Mode {
	case "AK", "":
		return static()
	case "StsToken":
		if p.AccessKeyID == "" || p.AccessKeySecret == "" || p.StsToken == "" {
			return nil, fmt.Errorf("profile %q needs access_key_id, access_key_secret and sts_token", name)
		}
		return providers.NewStaticSTSCredentialsProviderBuilder().WithAccessKeyId(p.AccessKeyID).WithAccessKeySecret(p.AccessKeySecret).WithSecurityToken(p.StsToken).Build()
	case "RamRoleArn":
		from, err := static()
		if err != nil {
			return nil, err
		}
		return assumeRole(from)
	case "ChainableRamRoleArn":
		from, err := cliProfileProvider(cfg, p.SourceProfile, depth+1)
		if err != nil {
			return nil, fmt.Errorf("source profile %q: %v", p.SourceProfile, err)
		}
		return assumeRole(from)
	case "EcsRamRole":
		return providers.NewECSRAMRoleCredentialsProviderBuilder().WithRoleName(p.RoleName).Build()
	case "OIDC":
		return providers.NewOIDCCredentialsProviderBuilder().
			WithOIDCToken(p.OIDCToken).
			WithOIDCTokenFilePath(p.OIDCTokenFile).
			WithOIDCProviderARN(p.OIDCProviderARN).
			WithRoleArn(p.RoleArn).
			WithStsRegionId(p.StsRegion).
			WithEnableVpc(p.EnableVpc).
			WithDurationSeconds(p.DurationSeconds).
			WithRoleSessionName(p.RoleSessionName).
			WithPolicy(p.Policy).
			Build()
	case "CloudSSO":
		return providers.NewCloudSSOCredentialsProviderBuilder().
			WithSignInUrl(p.SignInUrl).
			WithAccountId(p.AccountId).
			WithAccessConfig(p.AccessConfig).
			WithAccessToken(p.AccessToken).
			WithAccessTokenExpire(p.AccessTokenExpire).
			Build()
	case "OAuth":
		site, ok := oauthSites[strings.ToUpper(p.OauthSiteType)]
		if !ok {
			return nil, fmt.Errorf("profile %q: oauth_site_type must be CN or INTL", name)
		}
		// No token update callback: a refreshed token is used, not saved.
		return providers.NewOAuthCredentialsProviderBuilder().
			WithSignInUrl(site.signInURL).
			WithClientId(site.clientID).
			WithRefreshToken(p.OauthRefreshToken).
			WithAccessToken(p.OauthAccessToken).
			WithAccessTokenExpire(p.OauthAccessTokenExpire).
			Build()
	case "External":
		if strings.TrimSpace(p.ProcessCommand) == "" {
			return nil, fmt.Errorf("profile %q has no process_command", name)
		}
		return &externalProvider{command: p.ProcessCommand}, nil
	}
	return nil, fmt.Errorf("profile %q has mode %q, which saejob does not know", name, model.Visible(p.Mode))
}

// oauthSites are the aliyun CLI's OAuth sign-in sites (as credentials-go has them).
var oauthSites = map[string]struct{ signInURL, clientID string }{
	"CN":   {"https://oauth.aliyun.com", "4038181954557748008"},
	"INTL": {"https://oauth.alibabacloud.com", "4103531455503354461"},
}

// externalProvider runs an External profile's process_command and reads the
// credentials it prints, in the aliyun CLI's format:
//
//	{"mode": "AK"|"StsToken", "access_key_id": "...", "access_key_secret": "...", "sts_token": "..."}
//
// The process's output never reaches saejob's stdout or stderr, and nothing
// is written back to the configuration.
type externalProvider struct {
	command string

	// mu guards the credentials kept from the last run, until renew.
	mu    sync.Mutex
	kept  *providers.Credentials
	renew time.Time
}

// stsKeep is how long StsToken credentials printed without an expiration
// are kept: 15 minutes is the shortest life STS gives a token.
const stsKeep = 15 * time.Minute

func (e *externalProvider) GetProviderName() string { return "external" }

func (e *externalProvider) GetCredentials() (*providers.Credentials, error) {
	return e.credentialsContext(context.Background())
}

// credentialsContext returns the credentials of the last run while they
// last (an AK pair for the provider's life; an STS token until 3 minutes
// before the expiration it printed, or stsKeep), else runs the command
// once, ended when ctx ends.
func (e *externalProvider) credentialsContext(ctx context.Context) (*providers.Credentials, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := time.Now
	if e.kept != nil && (e.renew.IsZero() || now().Before(e.renew)) {
		return e.kept, nil
	}
	cc, expiration, err := e.run(ctx)
	if err != nil {
		return nil, err
	}
	e.kept, e.renew = cc, time.Time{}
	switch {
	case !expiration.IsZero():
		e.renew = expiration.Add(-3 * time.Minute)
	case cc.SecurityToken != "":
		e.renew = now().Add(stsKeep)
	}
	return cc, nil
}

// run runs process_command once and reads what it printed.
func (e *externalProvider) run(parent context.Context) (*providers.Credentials, time.Time, error) {
	args, err := splitCommand(e.command)
	if err != nil {
		return nil, time.Time{}, err
	}
	ctx, cancel := context.WithTimeout(parent, externalTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Env = os.Environ()
	cmd.Stdin = nil
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &limitedBuffer{buf: &stdout, max: 1 << 20}
	cmd.Stderr = &limitedBuffer{buf: &stderr, max: 4 << 10}
	err = cmd.Run()
	var out struct {
		Mode            string `json:"mode"`
		AccessKeyId     string `json:"access_key_id"`
		AccessKeySecret string `json:"access_key_secret"`
		SecurityToken   string `json:"sts_token"`
		Expiration      string `json:"expiration"`
	}
	// Parsed before the error is described, so that its secret can be
	// kept out of the description.
	jsonErr := json.Unmarshal(stdout.Bytes(), &out)
	secrets := []string{out.AccessKeySecret, out.SecurityToken}
	switch {
	case parent.Err() != nil:
		return nil, time.Time{}, fmt.Errorf("process_command %s was stopped: %w", model.Visible(args[0]), parent.Err())
	case ctx.Err() != nil:
		return nil, time.Time{}, fmt.Errorf("process_command %s did not finish within %s", model.Visible(args[0]), externalTimeout)
	case err != nil:
		msg := fmt.Sprintf("process_command %s failed: %v", model.Visible(args[0]), err)
		if text := strings.TrimSpace(stderr.String()); text != "" {
			msg += "; it said: " + redact(firstLines(text, 3), secrets)
		}
		return nil, time.Time{}, errors.New(msg)
	case jsonErr != nil:
		// Its output is never quoted: it may hold a secret.
		return nil, time.Time{}, fmt.Errorf("process_command %s did not print credentials as JSON ({\"mode\": \"AK\", \"access_key_id\": ..., \"access_key_secret\": ...})", model.Visible(args[0]))
	case out.AccessKeyId == "" || out.AccessKeySecret == "":
		return nil, time.Time{}, fmt.Errorf("process_command %s printed no access_key_id or access_key_secret", model.Visible(args[0]))
	case out.Mode == "StsToken" && out.SecurityToken == "":
		return nil, time.Time{}, fmt.Errorf("process_command %s printed mode StsToken without sts_token", model.Visible(args[0]))
	}
	// The aliyun CLI's format for the expiration; one it cannot read
	// counts as none.
	expiration, _ := time.Parse("2006-01-02T15:04:05Z", out.Expiration)
	return &providers.Credentials{AccessKeyId: out.AccessKeyId, AccessKeySecret: out.AccessKeySecret, SecurityToken: out.SecurityToken, ProviderName: "external"}, expiration, nil
}

// limitedBuffer keeps at most max bytes and discards the rest, so that a
// chatty process cannot fill memory; it never fails the process.
type limitedBuffer struct {
	buf *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.buf.Len(); room > 0 {
		l.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

var _ io.Writer = (*limitedBuffer)(nil)

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, " / ")
}

// splitCommand splits process_command into words as credentials-go does:
// blanks separate words; single quotes keep text as it is; double quotes
// keep text with \" and \\ escaped; a backslash outside quotes escapes the
// next character.
func splitCommand(s string) ([]string, error) {
	var (
		words   []string
		cur     strings.Builder
		inWord  bool
		quote   rune
		escaped bool
	)
	for _, r := range s {
		switch {
		case escaped:
			if quote == '"' && r != '"' && r != '\\' {
				cur.WriteRune('\\')
			}
			cur.WriteRune(r)
			escaped = false
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\\' && quote != '\'':
			escaped, inWord = true, true
		case quote == '"':
			if r == '"' {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if escaped || quote != 0 {
		return nil, errors.New("process_command has an unclosed quote or a trailing backslash")
	}
	if inWord {
		words = append(words, cur.String())
	}
	if len(words) == 0 {
		return nil, errors.New("process_command is empty")
	}
	return words, nil
}
