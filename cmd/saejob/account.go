package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
	"github.com/saejob/saejob/ui"
)

// wizardAccount adapts package submit's account reads to the wizard's
// Account: the same options (credentials, endpoint, sandbox) as the
// wizard's submitter, a client per region, and failures as ui.ReadError.
// Nothing is read until the wizard asks, off its UI goroutine.
type wizardAccount struct {
	sub *wizardSubmitter

	mu      sync.Mutex
	clients map[string]*submit.Client
}

func newWizardAccount(sub *wizardSubmitter) *wizardAccount {
	return &wizardAccount{sub: sub, clients: map[string]*submit.Client{}}
}

// options are the submitter's options, for region when it is not "".
func (a *wizardAccount) options(region string) submit.Options {
	a.mu.Lock()
	defer a.mu.Unlock()
	o := a.sub.opts
	if region != "" {
		o.Region = region
	}
	return o
}

// client is the client for region (cached), failures as ui.ReadError.
func (a *wizardAccount) client(op, region string) (*submit.Client, error) {
	c, err := a.clientFor(region)
	if err != nil {
		return nil, readError(op, err)
	}
	return c, nil
}

// clientFor is the client for region, made once: it keeps the credentials
// it finds, so that a profile's STS call or process_command is not made
// again for every read.
func (a *wizardAccount) clientFor(region string) (*submit.Client, error) {
	a.mu.Lock()
	c := a.clients[region]
	a.mu.Unlock()
	if c != nil {
		return c, nil
	}
	c, err := submit.New(a.options(region))
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	a.clients[region] = c
	a.mu.Unlock()
	return c, nil
}

// SetRegion makes the wizard's submits go to region.
func (a *wizardAccount) SetRegion(region string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.sub.opts.Region == region {
		return
	}
	a.sub.opts.Region = region
	// The submitter makes its client afresh for the new region.
	a.sub.once = sync.Once{}
	a.sub.client, a.sub.err = nil, nil
}

// Where says where a submit would go and as whom.
func (a *wizardAccount) Where(ctx context.Context) ui.Where {
	o := a.options("")
	var w ui.Where
	if a.sub.sandbox != "" {
		w.Sandbox, w.Credentials = true, "sandbox"
	} else {
		// The practice sandbox's endpoint ends with the session: only
		// one the user gave belongs in the equivalent command.
		w.Endpoint = o.Endpoint
	}
	w.Profile = o.Profile
	if ep, err := submit.ResolveEndpoint(o); err == nil || ep.Region != "" {
		w.Region, w.RegionFrom = ep.Region, ep.RegionFrom
	}
	if w.Sandbox {
		return w
	}
	if o.Region == "" {
		// The credentials do not depend on the region: any region lets the
		// client look them up.
		o.Region = "cn-hangzhou"
	}
	c, err := a.clientFor(o.Region)
	if err != nil {
		w.NoCredentials = err.Error()
		return w
	}
	source, _, err := c.Credentials(ctx)
	if err != nil {
		w.NoCredentials = err.Error()
		return w
	}
	w.Credentials = shortSource(source)
	return w
}

// shortSource names a credential source in a few words for the header.
func shortSource(source string) string {
	switch {
	case strings.HasPrefix(source, "environment"):
		return "environment"
	case strings.Contains(source, "profile \""):
		name := source[strings.Index(source, "profile \"")+len("profile \""):]
		if i := strings.IndexByte(name, '"'); i >= 0 {
			name = name[:i]
		}
		return "profile " + name
	case strings.HasPrefix(source, "OIDC"):
		return "OIDC"
	case strings.HasPrefix(source, "ECS instance role"):
		return "instance role"
	case strings.HasPrefix(source, "the credentials given"):
		return "given credentials"
	}
	return source
}

// readError maps a failure of package submit to the wizard's ReadError.
func readError(op string, err error) error {
	if err == nil {
		return nil
	}
	var (
		re   *submit.ReadError
		ee   *submit.ExecError
		cred *submit.CredentialsError
		ep   *submit.EndpointError
	)
	switch {
	case errors.As(err, &ee):
		// Its own words say whether a run may have started.
		return errors.New(ee.Error())
	case errors.As(err, &re):
		reason := re.Reason
		if reason == "" {
			reason = strings.TrimSpace(fmt.Sprintf("%s (HTTP %d) %s", re.Code, re.HttpStatus, re.Message))
		}
		return &ui.ReadError{Operation: re.Operation, Reason: model.Visible(reason), Cause: submit.ReadCause(re)}
	case errors.As(err, &cred):
		return &ui.ReadError{Operation: op, Reason: "no credentials: " + cred.Reason}
	case errors.As(err, &ep):
		return &ui.ReadError{Operation: op, Reason: ep.Reason}
	}
	return &ui.ReadError{Operation: op, Reason: err.Error()}
}

// Regions lists the regions SAE offers.
func (a *wizardAccount) Regions(ctx context.Context) ([]ui.Region, error) {
	region := a.options("").Region
	if region == "" {
		region = "cn-hangzhou" // any region's endpoint answers for all
	}
	c, err := a.client("DescribeRegions", region)
	if err != nil {
		return nil, err
	}
	rs, err := c.Regions(ctx)
	if err != nil {
		return nil, readError("DescribeRegions", err)
	}
	out := make([]ui.Region, 0, len(rs))
	for _, r := range rs {
		out = append(out, ui.Region{ID: r.RegionId, Name: r.LocalName})
	}
	return out, nil
}

// Namespaces lists a region's namespaces with their networks.
func (a *wizardAccount) Namespaces(ctx context.Context, region string) ([]ui.Namespace, error) {
	c, err := a.client("DescribeNamespaceList", region)
	if err != nil {
		return nil, err
	}
	ns, err := c.Namespaces(ctx)
	if err != nil {
		return nil, readError("DescribeNamespaceList", err)
	}
	out := make([]ui.Namespace, 0, len(ns))
	for _, n := range ns {
		out = append(out, ui.Namespace{ID: n.NamespaceId, Name: n.NamespaceName, Description: n.Description,
			VpcId: n.VpcId, VSwitchId: n.VSwitchId, SecurityGroupId: n.SecurityGroupId})
	}
	describeNamespaces(ctx, c, out)
	return out, nil
}

// maxDescribed is how many namespaces get their description read.
const maxDescribed = 20

// describeNamespaces fills in the descriptions DescribeNamespaceList does
// not carry, from DescribeNamespaceResources, a few reads at a time. A read
// that fails leaves its description out: the list is useful without it.
func describeNamespaces(ctx context.Context, c *submit.Client, ns []ui.Namespace) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i := range ns[:min(len(ns), maxDescribed)] {
		if ns[i].Description != "" {
			continue
		}
		wg.Add(1)
		go func(n *ui.Namespace) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if r, err := c.NamespaceResources(ctx, n.ID); err == nil && r != nil {
				n.Description = model.Visible(r.Description)
			}
		}(&ns[i])
	}
	wg.Wait()
}

// ConfigMaps lists a namespace's ConfigMaps with their keys.
func (a *wizardAccount) ConfigMaps(ctx context.Context, region, namespaceID string) ([]ui.ConfigMap, error) {
	c, err := a.client("ListNamespacedConfigMaps", region)
	if err != nil {
		return nil, err
	}
	cms, err := c.ConfigMaps(ctx, namespaceID)
	if err != nil {
		return nil, readError("ListNamespacedConfigMaps", err)
	}
	out := make([]ui.ConfigMap, 0, len(cms))
	for _, cm := range cms {
		out = append(out, ui.ConfigMap{ID: cm.ConfigMapId, Name: cm.Name, Description: cm.Description, Keys: cm.Keys, Data: cm.Data})
	}
	return out, nil
}

// Jobs lists the job templates of a namespace whose name contains appName.
func (a *wizardAccount) Jobs(ctx context.Context, region, namespaceID, appName string) ([]ui.JobSummary, error) {
	c, err := a.client("ListJobs", region)
	if err != nil {
		return nil, err
	}
	var out []ui.JobSummary
	for page := 1; page <= 10; page++ {
		p, err := c.Jobs(ctx, submit.JobFilter{NamespaceId: namespaceID, AppName: appName, Page: page, PageSize: 100})
		if err != nil {
			return nil, readError("ListJobs", err)
		}
		for _, j := range p.Jobs {
			out = append(out, ui.JobSummary{AppId: j.AppId, AppName: j.AppName, Description: j.AppDescription, NamespaceId: j.NamespaceId})
		}
		// Counted by what came, not by page size: an answer that says
		// nothing of its page size, or a short page, still ends the list.
		if len(p.Jobs) == 0 || len(out) >= p.Total {
			break
		}
	}
	return out, nil
}

// DescribeJob reads a job back as a template, as saejob import does.
func (a *wizardAccount) DescribeJob(ctx context.Context, region, appID string) (*ui.DescribedJob, error) {
	c, err := a.client("DescribeJob", region)
	if err != nil {
		return nil, err
	}
	j, err := c.DescribeJob(ctx, appID)
	if err != nil {
		return nil, readError("DescribeJob", err)
	}
	t, notes := model.FromDescribed(j.Described)
	return &ui.DescribedJob{AppId: j.AppId, AppName: j.AppName, RegionId: j.RegionId, Template: t, Notes: notes,
		PublicWebHookUrls: j.PublicWebHookUrls, VpcWebHookUrls: j.VpcWebHookUrls, Sandbox: j.Sandbox}, nil
}

// Price asks what a Cpu/Memory pair costs for a job.
func (a *wizardAccount) Price(ctx context.Context, region string, cpu, memory int) (*ui.Price, error) {
	c, err := a.client("DescribeConfigurationPrice", region)
	if err != nil {
		return nil, err
	}
	p, err := c.Price(ctx, cpu, memory)
	if err != nil {
		return nil, readError("DescribeConfigurationPrice", err)
	}
	return &ui.Price{Original: p.OriginalAmount, Discount: p.DiscountAmount, Trade: p.TradeAmount, Rules: p.Rules}, nil
}

// ChangeOrder reads a change order's state.
func (a *wizardAccount) ChangeOrder(ctx context.Context, region, id string) (*ui.ChangeOrder, error) {
	c, err := a.client("DescribeChangeOrder", region)
	if err != nil {
		return nil, err
	}
	co, err := c.ChangeOrder(ctx, id)
	if err != nil {
		return nil, readError("DescribeChangeOrder", err)
	}
	return co, nil
}

// ExecJob runs a job once now.
func (a *wizardAccount) ExecJob(ctx context.Context, region, appID string) (*ui.Execution, error) {
	c, err := a.client("ExecJob", region)
	if err != nil {
		return nil, err
	}
	e, err := c.ExecJob(ctx, appID)
	if err != nil {
		return nil, readError("ExecJob", err)
	}
	return &ui.Execution{RequestId: e.RequestId, Code: e.Code, Message: e.Message, Data: e.Data, Success: e.Success}, nil
}
