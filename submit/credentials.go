package submit

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/aliyun/credentials-go/credentials/providers"

	"github.com/saejob/saejob/model"
)

// Credentials is an Alibaba Cloud key pair, with a security token for STS.
type Credentials struct {
	AccessKeyId     string
	AccessKeySecret string
	SecurityToken   string
}

// environ reads environment variables through Options.Getenv.
type environ func(string) string

func (e environ) get(k string) string { return strings.TrimSpace(e(k)) }

func (e environ) home() string {
	if h := e.get("HOME"); h != "" {
		return h
	}
	h, _ := os.UserHomeDir()
	return h
}

// cliConfig is the aliyun CLI's ~/.aliyun/config.json: only what saejob reads itself.
type cliConfig struct {
	Current  string       `json:"current"`
	Profiles []cliProfile `json:"profiles"`
}

// cliProfile is one profile of the aliyun CLI, with the fields of every mode
// saejob can use (the names are the CLI's).
type cliProfile struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	RegionID        string `json:"region_id"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	StsToken        string `json:"sts_token"`
	SourceProfile   string `json:"source_profile"`

	RoleArn         string `json:"ram_role_arn"`
	RoleSessionName string `json:"ram_session_name"`
	DurationSeconds int    `json:"expired_seconds"`
	StsRegion       string `json:"sts_region"`
	EnableVpc       bool   `json:"enable_vpc"`
	Policy          string `json:"policy"`
	ExternalId      string `json:"external_id"`
	RoleName        string `json:"ram_role_name"`

	OIDCTokenFile   string `json:"oidc_token_file"`
	OIDCToken       string `json:"oidc_token"`
	OIDCProviderARN string `json:"oidc_provider_arn"`

	SignInUrl         string `json:"cloud_sso_sign_in_url"`
	AccountId         string `json:"cloud_sso_account_id"`
	AccessConfig      string `json:"cloud_sso_access_config"`
	AccessToken       string `json:"access_token"`
	AccessTokenExpire int64  `json:"cloud_sso_access_token_expire"`

	OauthSiteType          string `json:"oauth_site_type"`
	OauthRefreshToken      string `json:"oauth_refresh_token"`
	OauthAccessToken       string `json:"oauth_access_token"`
	OauthAccessTokenExpire int64  `json:"oauth_access_token_expire"`

	ProcessCommand string `json:"process_command"`
}

// cliConfigFile is the aliyun CLI's configuration file.
func cliConfigFile(env environ) string {
	if f := env.get("ALIBABA_CLOUD_CONFIG_FILE"); f != "" {
		return f
	}
	return filepath.Join(env.home(), ".aliyun", "config.json")
}

// sharedCredentialsFile is ~/.alibabacloud/credentials.
func sharedCredentialsFile(env environ) string {
	if f := env.get("ALIBABA_CLOUD_CREDENTIALS_FILE"); f != "" {
		return f
	}
	return filepath.Join(env.home(), ".alibabacloud", "credentials")
}

// readCLIConfig reads the aliyun CLI configuration; a missing file is (nil, nil).
// Errors never quote the file: it holds secrets.
func readCLIConfig(file string) (*cliConfig, error) {
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", file, errors.Unwrap(err))
	}
	var c cliConfig
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("%s is not valid JSON; run 'aliyun configure' to rewrite it", file)
	}
	return &c, nil
}

// profileName is the aliyun CLI profile in use: --profile, else
// ALIBABA_CLOUD_PROFILE, else the file's current profile.
func profileName(flag string, env environ, c *cliConfig) string {
	if flag != "" {
		return flag
	}
	if p := env.get("ALIBABA_CLOUD_PROFILE"); p != "" {
		return p
	}
	if c != nil {
		return c.Current
	}
	return ""
}

func (c *cliConfig) profile(name string) *cliProfile {
	if c == nil {
		return nil
	}
	for i := range c.Profiles {
		if c.Profiles[i].Name == name {
			return &c.Profiles[i]
		}
	}
	return nil
}

func (c *cliConfig) names() []string {
	var out []string
	if c != nil {
		for _, p := range c.Profiles {
			out = append(out, p.Name)
		}
	}
	return out
}

// selectedCLIProfile returns the aliyun CLI profile in use, if any, and its file.
func selectedCLIProfile(flag string, env environ) (*cliProfile, string) {
	file := cliConfigFile(env)
	c, err := readCLIConfig(file)
	if err != nil || c == nil {
		return nil, file
	}
	return c.profile(profileName(flag, env, c)), file
}

// sharedProfiles lists the section names of ~/.alibabacloud/credentials.
func sharedProfiles(file string) []string {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			out = append(out, strings.TrimSpace(line[1:len(line)-1]))
		}
	}
	return out
}

// credentialSource is one place credentials may come from.
type credentialSource struct {
	name     string
	provider providers.CredentialsProvider
	static   *Credentials
	// err says why this source cannot be used at all.
	err error
	// secrets are the ones seen while looking, kept out of messages.
	secrets []string
}

// resolveCredentials walks the standard chain and returns the first
// credentials found, with the source that gave them. The ECS instance role is
// used only when ALIBABA_CLOUD_ECS_METADATA or the chosen profile asks for
// it, so nothing but the endpoint is contacted otherwise. ctx bounds the
// lookup (a process_command, an STS call).
func resolveCredentials(ctx context.Context, opts Options) (*Credentials, *credentialSource, error) {
	if opts.Credentials != nil {
		return opts.Credentials, &credentialSource{name: "the credentials given to saejob", static: opts.Credentials}, nil
	}
	env := opts.env()
	sources, secrets := credentialSources(opts.Profile, env)
	var reasons []string
	for i := range sources {
		s := &sources[i]
		if s.err != nil {
			reasons = append(reasons, s.name+": "+s.err.Error())
			continue
		}
		creds, err := s.fetch(ctx)
		if err != nil {
			reasons = append(reasons, s.name+": "+err.Error())
			continue
		}
		s.secrets = secrets
		return creds, s, nil
	}
	var reason string
	switch {
	case opts.Profile != "" && len(reasons) == 0:
		reason = fmt.Sprintf("profile %q was not found", opts.Profile)
	case len(reasons) == 0:
		reason = fmt.Sprintf("no Alibaba Cloud credentials found: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set, and there is no %s or %s", cliConfigFile(env), sharedCredentialsFile(env))
	default:
		reason = "no usable Alibaba Cloud credentials:\n  " + strings.Join(reasons, "\n  ")
	}
	return nil, nil, &CredentialsError{Reason: redact(reason, secrets)}
}

// contextProvider is a provider whose lookup honours a context
// (externalProvider). credentials-go's providers take none.
type contextProvider interface {
	credentialsContext(ctx context.Context) (*providers.Credentials, error)
}

// fetch asks the source for its credentials. A provider without a context
// is left to finish on its own when ctx ends first: credentials-go bounds
// its HTTP calls itself (5s to connect, 10s to read by default), so the
// call it is left in ends soon after.
func (s *credentialSource) fetch(ctx context.Context) (*Credentials, error) {
	if s.static != nil {
		return s.static, nil
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var (
		cc  *providers.Credentials
		err error
	)
	if p, ok := s.provider.(contextProvider); ok {
		cc, err = p.credentialsContext(ctx)
	} else {
		type answer struct {
			cc  *providers.Credentials
			err error
		}
		done := make(chan answer, 1)
		go func() {
			cc, err := s.provider.GetCredentials()
			done <- answer{cc, err}
		}()
		select {
		case a := <-done:
			cc, err = a.cc, a.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, err
	}
	if cc == nil || cc.AccessKeyId == "" || cc.AccessKeySecret == "" {
		return nil, errors.New("no access key in it")
	}
	// Kept once each: a client asks its source again on every read.
	for _, secret := range []string{cc.AccessKeySecret, cc.SecurityToken} {
		if !slices.Contains(s.secrets, secret) {
			s.secrets = append(s.secrets, secret)
		}
	}
	return &Credentials{AccessKeyId: cc.AccessKeyId, AccessKeySecret: cc.AccessKeySecret, SecurityToken: cc.SecurityToken}, nil
}

// credentialSources lists the places to look, in the chain's order, and
// every secret seen on the way (to keep them out of messages).
func credentialSources(flagProfile string, env environ) ([]credentialSource, []string) {
	var out []credentialSource
	var secrets []string
	cfgFile := cliConfigFile(env)
	cfg, cfgErr := readCLIConfig(cfgFile)
	if cfg != nil {
		for _, p := range cfg.Profiles {
			secrets = append(secrets, p.AccessKeySecret, p.StsToken, p.OIDCToken, p.AccessToken, p.OauthRefreshToken, p.OauthAccessToken)
		}
	}
	sharedFile := sharedCredentialsFile(env)
	shared := sharedProfiles(sharedFile)
	cliDisabled := strings.EqualFold(env.get("ALIBABA_CLOUD_CLI_PROFILE_DISABLED"), "true")

	if flagProfile != "" {
		// A profile named on the command line wins over everything else.
		switch {
		case cfgErr != nil:
			out = append(out, credentialSource{name: "aliyun CLI config", err: cfgErr})
		case cfg.profile(flagProfile) != nil:
			out = append(out, cliSource(cfg, cfgFile, flagProfile))
		case slices.Contains(shared, flagProfile):
			out = append(out, sharedSource(sharedFile, flagProfile))
		default:
			known := append(cfg.names(), shared...)
			msg := fmt.Sprintf("profile %q is not in %s or %s", flagProfile, cfgFile, sharedFile)
			if len(known) > 0 {
				msg += " (profiles there: " + strings.Join(known, ", ") + ")"
			}
			out = append(out, credentialSource{name: "--profile " + flagProfile, err: errors.New(msg)})
		}
		return out, secrets
	}

	id, secret := env.get("ALIBABA_CLOUD_ACCESS_KEY_ID"), env.get("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
	secrets = append(secrets, secret, env.get("ALIBABA_CLOUD_SECURITY_TOKEN"))
	switch {
	case id != "" && secret != "":
		out = append(out, credentialSource{name: "environment variables ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET", static: &Credentials{
			AccessKeyId: id, AccessKeySecret: secret, SecurityToken: env.get("ALIBABA_CLOUD_SECURITY_TOKEN"),
		}})
	case id != "":
		out = append(out, credentialSource{name: "environment variables", err: errors.New("ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is empty")})
	case secret != "":
		out = append(out, credentialSource{name: "environment variables", err: errors.New("ALIBABA_CLOUD_ACCESS_KEY_SECRET is set but ALIBABA_CLOUD_ACCESS_KEY_ID is empty")})
	}

	if env.get("ALIBABA_CLOUD_ROLE_ARN") != "" && env.get("ALIBABA_CLOUD_OIDC_PROVIDER_ARN") != "" &&
		(env.get("ALIBABA_CLOUD_OIDC_TOKEN_FILE") != "" || env.get("ALIBABA_CLOUD_OIDC_TOKEN") != "") {
		p, err := providers.NewOIDCCredentialsProviderBuilder().Build()
		out = append(out, credentialSource{name: "OIDC (ALIBABA_CLOUD_OIDC_*)", provider: p, err: err})
	}

	if !cliDisabled {
		switch {
		case cfgErr != nil:
			out = append(out, credentialSource{name: "aliyun CLI config", err: cfgErr})
		case cfg != nil:
			name := profileName("", env, cfg)
			if cfg.profile(name) == nil {
				msg := fmt.Sprintf("profile %q is not in %s", name, cfgFile)
				if names := cfg.names(); len(names) > 0 {
					msg += " (profiles there: " + strings.Join(names, ", ") + ")"
				}
				out = append(out, credentialSource{name: "aliyun CLI config", err: errors.New(msg)})
			} else {
				out = append(out, cliSource(cfg, cfgFile, name))
			}
		}
	}

	if len(shared) > 0 {
		name := env.get("ALIBABA_CLOUD_PROFILE")
		if name == "" {
			name = "default"
		}
		if slices.Contains(shared, name) {
			out = append(out, sharedSource(sharedFile, name))
		}
	}

	// The instance role only when asked for: querying the metadata service
	// on a machine that is not an ECS instance would hang or fail.
	if role := env.get("ALIBABA_CLOUD_ECS_METADATA"); role != "" {
		p, err := providers.NewECSRAMRoleCredentialsProviderBuilder().WithRoleName(role).Build()
		out = append(out, credentialSource{name: fmt.Sprintf("ECS instance role %q (ALIBABA_CLOUD_ECS_METADATA)", role), provider: p, err: err})
	}

	if env.get("ALIBABA_CLOUD_CREDENTIALS_URI") != "" {
		p, err := providers.NewURLCredentialsProviderBuilder().Build()
		out = append(out, credentialSource{name: "ALIBABA_CLOUD_CREDENTIALS_URI", provider: p, err: err})
	}
	return out, secrets
}

// cliSource is an aliyun CLI profile. saejob builds the profile's provider
// itself (cliProfileProvider) rather than through credentials-go's CLI
// profile provider, which prints an External profile's output, secret
// included, to stdout and writes renewed credentials back into the file.
func cliSource(cfg *cliConfig, file, name string) credentialSource {
	p, err := cliProfileProvider(cfg, name, 0)
	return credentialSource{name: fmt.Sprintf("aliyun CLI profile %q (%s)", name, file), provider: p, err: err}
}

func sharedSource(file, name string) credentialSource {
	p, err := providers.NewProfileCredentialsProviderBuilder().WithProfileName(name).Build()
	return credentialSource{name: fmt.Sprintf("profile %q (%s)", name, file), provider: p, err: err}
}

// signedQuery is the query of a URL in an error: a signed request (STS's
// AssumeRole, say) carries the AccessKey ID, the signature and any
// security token there.
var signedQuery = regexp.MustCompile(`(https?://[^\s"'?]*)\?[^\s"']*`)

// signedParam is a signing parameter written out elsewhere, plain or
// URL-encoded (a string-to-sign quoted in an answer): its value runs to the
// next & or %26.
var signedParam = regexp.MustCompile(`(?i)(Signature|AccessKeyId|SecurityToken|SignatureNonce|x-acs-security-token|x-acs-accesskey-id)(=|%3D)([^&\s"'%]|%(?:[013-9a-f][0-9a-f]|2[0-57-9a-f]))*`)

// redact replaces every known secret in msg, the query of every URL and the
// value of every signing parameter, shows control characters escaped, and
// keeps msg short.
func redact(msg string, secrets []string) string {
	for _, s := range secrets {
		if len(s) >= 4 {
			msg = strings.ReplaceAll(msg, s, "******")
		}
	}
	msg = signedQuery.ReplaceAllString(msg, "$1?(signed query hidden)")
	msg = signedParam.ReplaceAllString(msg, "$1$2******")
	msg = model.VisibleLines(msg)
	const max = 2000
	if len(msg) > max {
		msg = msg[:max] + "…"
	}
	return msg
}

// MaskKeyID shows an AccessKey ID as its first and last four characters.
func MaskKeyID(id string) string {
	if len(id) <= 8 {
		return "****"
	}
	return id[:4] + "****" + id[len(id)-4:]
}

// GuardInstanceMetadata turns the ECS instance metadata service off for this
// process (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true) unless the environment
// or the chosen profile asks for the instance role. credentials-go v1.4
// queries that service (a non-loopback address) by default; saejob's own
// chain never does unless asked, and this keeps any other use of the
// default chain in the process from doing so either.
func GuardInstanceMetadata(opts Options) {
	env := opts.env()
	if env.get("ALIBABA_CLOUD_ECS_METADATA_DISABLED") != "" || env.get("ALIBABA_CLOUD_ECS_METADATA") != "" {
		return
	}
	if wantsInstanceRole(opts.Profile, env) {
		return
	}
	os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
}

// wantsInstanceRole reports whether the chosen profile uses the ECS instance role.
func wantsInstanceRole(flag string, env environ) bool {
	if c, err := readCLIConfig(cliConfigFile(env)); err == nil && c != nil {
		p := c.profile(profileName(flag, env, c))
		for i := 0; p != nil && i < 8; i++ {
			if p.Mode == "EcsRamRole" {
				return true
			}
			if p.SourceProfile == "" {
				break
			}
			p = c.profile(p.SourceProfile)
		}
	}
	name := flag
	if name == "" {
		name = env.get("ALIBABA_CLOUD_PROFILE")
	}
	if name == "" {
		name = "default"
	}
	data, err := os.ReadFile(sharedCredentialsFile(env))
	if err != nil {
		return false
	}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			in = strings.TrimSpace(line[1:len(line)-1]) == name
			continue
		}
		if k, v, ok := strings.Cut(line, "="); in && ok && strings.TrimSpace(k) == "type" {
			return strings.Trim(strings.TrimSpace(v), `"'`) == "ecs_ram_role"
		}
	}
	return false
}
