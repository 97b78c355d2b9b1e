package ui

import (
	"cmp"
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
)

// sandboxAccount reads the sandbox's account through package submit, as
// cmd/saejob's adapter does.
type sandboxAccount struct {
	sb     *sandboxSubmitter
	region atomic.Value
	// secret, when set, signs the reads with a wrong secret.
	secret string
	// where, when set, is what Where answers.
	where *Where
	// orderErr, when set, is every change order read's answer.
	orderErr error
}

func newSandboxAccount(sb *sandboxSubmitter) *sandboxAccount { return &sandboxAccount{sb: sb} }

func (a *sandboxAccount) client(region string) *submit.Client {
	if region == "" {
		region = "cn-hangzhou"
	}
	c, err := submit.New(submit.Options{
		Region: region, Endpoint: a.sb.url, Getenv: func(string) string { return "" },
		Credentials: &submit.Credentials{AccessKeyId: a.sb.sb.AccessKeyId, AccessKeySecret: cmp.Or(a.secret, a.sb.sb.AccessKeySecret)},
	})
	if err != nil {
		panic(err)
	}
	return c
}

func asRead(op string, err error) error {
	var re *submit.ReadError
	if errors.As(err, &re) {
		return &ReadError{Operation: op, Reason: re.Reason + re.Code, Cause: submit.ReadCause(re)}
	}
	return err
}

func (a *sandboxAccount) Where(ctx context.Context) Where {
	if a.where != nil {
		return *a.where
	}
	return Where{Region: "cn-hangzhou", RegionFrom: "--region", Credentials: "sandbox", Sandbox: true}
}
func (a *sandboxAccount) SetRegion(r string) { a.region.Store(r) }
func (a *sandboxAccount) Regions(ctx context.Context) ([]Region, error) {
	rs, err := a.client("").Regions(ctx)
	var out []Region
	for _, r := range rs {
		out = append(out, Region{ID: r.RegionId, Name: r.LocalName})
	}
	return out, asRead("DescribeRegions", err)
}
func (a *sandboxAccount) Namespaces(ctx context.Context, region string) ([]Namespace, error) {
	ns, err := a.client(region).Namespaces(ctx)
	var out []Namespace
	for _, n := range ns {
		out = append(out, Namespace{ID: n.NamespaceId, Name: n.NamespaceName, VpcId: n.VpcId, VSwitchId: n.VSwitchId, SecurityGroupId: n.SecurityGroupId})
	}
	return out, asRead("DescribeNamespaceList", err)
}
func (a *sandboxAccount) ConfigMaps(ctx context.Context, region, ns string) ([]ConfigMap, error) {
	cms, err := a.client(region).ConfigMaps(ctx, ns)
	var out []ConfigMap
	for _, c := range cms {
		out = append(out, ConfigMap{ID: c.ConfigMapId, Name: c.Name, Description: c.Description, Keys: c.Keys, Data: c.Data})
	}
	return out, asRead("ListNamespacedConfigMaps", err)
}
func (a *sandboxAccount) Jobs(ctx context.Context, region, ns, name string) ([]JobSummary, error) {
	p, err := a.client(region).Jobs(ctx, submit.JobFilter{NamespaceId: ns, AppName: name})
	if err != nil {
		return nil, asRead("ListJobs", err)
	}
	var out []JobSummary
	for _, j := range p.Jobs {
		out = append(out, JobSummary{AppId: j.AppId, AppName: j.AppName, Description: j.AppDescription, NamespaceId: j.NamespaceId})
	}
	return out, nil
}
func (a *sandboxAccount) DescribeJob(ctx context.Context, region, id string) (*DescribedJob, error) {
	j, err := a.client(region).DescribeJob(ctx, id)
	if err != nil {
		return nil, asRead("DescribeJob", err)
	}
	t, notes := model.FromDescribed(j.Described)
	return &DescribedJob{AppId: j.AppId, AppName: j.AppName, RegionId: j.RegionId, Template: t, Notes: notes,
		PublicWebHookUrls: j.PublicWebHookUrls, VpcWebHookUrls: j.VpcWebHookUrls, Sandbox: j.Sandbox}, nil
}
func (a *sandboxAccount) Price(ctx context.Context, region string, cpu, mem int) (*Price, error) {
	p, err := a.client(region).Price(ctx, cpu, mem)
	if err != nil {
		return nil, asRead("DescribeConfigurationPrice", err)
	}
	return &Price{Original: p.OriginalAmount, Discount: p.DiscountAmount, Trade: p.TradeAmount, Rules: p.Rules}, nil
}
func (a *sandboxAccount) ChangeOrder(ctx context.Context, region, id string) (*ChangeOrder, error) {
	if a.orderErr != nil {
		return nil, a.orderErr
	}
	co, err := a.client(region).ChangeOrder(ctx, id)
	if err != nil {
		return nil, asRead("DescribeChangeOrder", err)
	}
	return co, nil
}
func (a *sandboxAccount) ExecJob(ctx context.Context, region, id string) (*Execution, error) {
	e, err := a.client(region).ExecJob(ctx, id)
	if err != nil {
		return nil, err
	}
	return &Execution{RequestId: e.RequestId, Code: e.Code, Message: e.Message, Data: e.Data, Success: e.Success}, nil
}

// actions counts the requests the sandbox got per action.
func actions(sb *sandboxSubmitter) map[string]int {
	out := map[string]int{}
	for _, r := range sb.sb.Received() {
		out[r.Header.Get("x-acs-action")]++
	}
	return out
}

// fakeAccount answers from fixed data; a read blocks while block is set,
// until its context ends.
type fakeAccount struct {
	mu    sync.Mutex
	where Where
	ns    []Namespace
	err   error
	block bool
	calls int
}

func (f *fakeAccount) count() int { f.mu.Lock(); defer f.mu.Unlock(); return f.calls }
func (f *fakeAccount) call(ctx context.Context) error {
	f.mu.Lock()
	f.calls++
	block, err := f.block, f.err
	f.mu.Unlock()
	if block {
		<-ctx.Done()
		return ctx.Err()
	}
	return err
}
func (f *fakeAccount) Where(ctx context.Context) Where { f.call(ctx); return f.where }
func (f *fakeAccount) SetRegion(string)                {}
func (f *fakeAccount) Regions(ctx context.Context) ([]Region, error) {
	return nil, f.call(ctx)
}
func (f *fakeAccount) Namespaces(ctx context.Context, region string) ([]Namespace, error) {
	if err := f.call(ctx); err != nil {
		return nil, err
	}
	return f.ns, nil
}
func (f *fakeAccount) ConfigMaps(ctx context.Context, region, ns string) ([]ConfigMap, error) {
	return nil, f.call(ctx)
}
func (f *fakeAccount) Jobs(ctx context.Context, region, ns, name string) ([]JobSummary, error) {
	return nil, f.call(ctx)
}
func (f *fakeAccount) DescribeJob(ctx context.Context, region, id string) (*DescribedJob, error) {
	return nil, f.call(ctx)
}
func (f *fakeAccount) Price(ctx context.Context, region string, cpu, mem int) (*Price, error) {
	return nil, f.call(ctx)
}
func (f *fakeAccount) ChangeOrder(ctx context.Context, region, id string) (*ChangeOrder, error) {
	return nil, f.call(ctx)
}
func (f *fakeAccount) ExecJob(ctx context.Context, region, id string) (*Execution, error) {
	return nil, f.call(ctx)
}

var _ = testing.Short
