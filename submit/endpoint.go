package submit

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
)

// Endpoint is where CreateJob goes.
type Endpoint struct {
	// Region is the region id (cn-hangzhou); may be empty with a custom endpoint.
	Region string
	// RegionFrom says where the region came from (--region, the profile, ALIBABA_CLOUD_REGION_ID).
	RegionFrom string
	// Protocol is "https", or "http" for a loopback endpoint.
	Protocol string
	// Host is host[:port] as the SDK is given it.
	Host string
	// Custom is true when --endpoint chose the endpoint.
	Custom bool
}

// URL is the endpoint as a URL: https://sae.cn-hangzhou.aliyuncs.com.
func (e Endpoint) URL() string { return e.Protocol + "://" + e.Host }

// String names the endpoint for people: "cn-hangzhou (https://sae.cn-hangzhou.aliyuncs.com)".
func (e Endpoint) String() string {
	if e.Region == "" {
		return e.URL()
	}
	return e.Region + " (" + e.URL() + ")"
}

// Loopback reports whether the endpoint is on this machine.
func (e Endpoint) Loopback() bool { return isLoopbackHost(hostOnly(e.Host)) }

var regionPattern = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+)+$`)

// ResolveEndpoint picks the region (--region, else the profile's region_id,
// else ALIBABA_CLOUD_REGION_ID) and the endpoint (--endpoint, else
// sae.<region>.aliyuncs.com over HTTPS). Plain http:// is allowed only to
// loopback addresses.
func ResolveEndpoint(opts Options) (Endpoint, error) {
	env := opts.env()
	var ep Endpoint
	switch {
	case opts.Region != "":
		ep.Region, ep.RegionFrom = opts.Region, "--region"
	default:
		if p, file := selectedCLIProfile(opts.Profile, env); p != nil && p.RegionID != "" {
			ep.Region, ep.RegionFrom = p.RegionID, fmt.Sprintf("profile %q in %s", p.Name, file)
		} else if r := env.get("ALIBABA_CLOUD_REGION_ID"); r != "" {
			ep.Region, ep.RegionFrom = r, "ALIBABA_CLOUD_REGION_ID"
		}
	}
	ep.Region = strings.TrimSpace(ep.Region)
	if ep.Region != "" && !regionPattern.MatchString(ep.Region) {
		return ep, &EndpointError{Reason: fmt.Sprintf("region %q (from %s) is not a region id like cn-hangzhou", ep.Region, ep.RegionFrom)}
	}
	if opts.Endpoint != "" {
		proto, host, err := parseEndpoint(opts.Endpoint)
		if err != nil {
			return ep, err
		}
		ep.Protocol, ep.Host, ep.Custom = proto, host, true
		return ep, nil
	}
	if ep.Region == "" {
		reason := "no region: pass --region (for example --region cn-hangzhou), set region_id in your aliyun CLI profile ('aliyun configure'), or export ALIBABA_CLOUD_REGION_ID=cn-hangzhou"
		if opts.Profile != "" {
			if p, file := selectedCLIProfile(opts.Profile, env); p == nil {
				reason = fmt.Sprintf("profile %q is not in %s, so it gives no region; ", opts.Profile, file) + reason
			}
		}
		return ep, &EndpointError{Reason: reason}
	}
	ep.Protocol, ep.Host = "https", "sae."+ep.Region+".aliyuncs.com"
	return ep, nil
}

// parseEndpoint checks an --endpoint value and splits it into protocol and host[:port].
func parseEndpoint(raw string) (proto, host string, err error) {
	s := strings.TrimSpace(raw)
	if !strings.Contains(s, "://") {
		// Without a scheme: https, except on this machine (a sandbox),
		// where nothing leaves it.
		s = "https://" + s
		if u, err := url.Parse(s); err == nil && isLoopbackHost(u.Hostname()) {
			s = "http://" + strings.TrimPrefix(s, "https://")
		}
	}
	u, perr := url.Parse(s)
	if perr != nil || u.Host == "" {
		return "", "", &EndpointError{Reason: fmt.Sprintf("--endpoint %q is not a URL like https://sae.cn-hangzhou.aliyuncs.com or http://127.0.0.1:8086", raw)}
	}
	if u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return "", "", &EndpointError{Reason: fmt.Sprintf("--endpoint %q must be only a scheme, host and port (the path %s is added by saejob)", raw, "/pop/v1/sam/job/createJob")}
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "https", u.Host, nil
	case "http":
		if !isLoopbackHost(u.Hostname()) {
			return "", "", &EndpointError{Reason: fmt.Sprintf("refusing plain http:// to %s: it would send your signed request and template unencrypted. Use https://, or http:// only to a loopback address (127.0.0.1, ::1, localhost) such as 'saejob sandbox'", u.Host)}
		}
		return "http", u.Host, nil
	}
	return "", "", &EndpointError{Reason: fmt.Sprintf("--endpoint %q: the scheme must be https:// (or http:// to a loopback address)", raw)}
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.Trim(hostport, "[]")
}

// isLoopbackHost reports whether host is localhost, 127.0.0.0/8 or ::1.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
