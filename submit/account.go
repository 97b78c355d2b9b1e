package submit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	sae "github.com/alibabacloud-go/sae-20190506/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/saejob/saejob/model"
)

// DefaultReadTimeoutForReads bounds how long a read waits for its answer
// (Options.ReadTimeout overrides it): a read is small, and the wizard must
// not sit on a dead network for the minute a create may take.
const DefaultReadTimeoutForReads = 15 * time.Second

// Reads are never retried automatically: the wizard refreshes a list with
// one key and `submit --wait` simply polls again, so a retry here would only
// hide a slow or failing network. ExecJob is not idempotent and is never
// retried either.

// Region is one region SAE offers (DescribeRegions).
type Region struct {
	RegionId  string
	LocalName string
	Endpoint  string
}

// Namespace is a namespace and its network (DescribeNamespaceList, or
// DescribeNamespaceResources, which also fills Description and the names).
type Namespace struct {
	NamespaceId     string
	NamespaceName   string
	Description     string
	RegionId        string
	VpcId           string
	VpcName         string
	VSwitchId       string
	VSwitchName     string
	SecurityGroupId string
	// Custom is false for the region's default namespace.
	Custom bool
}

// ConfigMap is one ConfigMap of a namespace, with its keys in order.
type ConfigMap struct {
	ConfigMapId int64
	Name        string
	Description string
	NamespaceId string
	Keys        []string
	Data        map[string]string
}

// JobFilter narrows ListJobs.
type JobFilter struct {
	NamespaceId string
	// AppName matches job names containing it (SAE matches loosely).
	AppName string
	// Page starts at 1; PageSize defaults to 100.
	Page, PageSize int
}

// JobSummary is one job in ListJobs.
type JobSummary struct {
	AppId          string
	AppName        string
	AppDescription string
	NamespaceId    string
	RegionId       string
	Cpu            int
	Memory         int
	Suspended      bool
	// TriggerConfig is the JSON text SAE returns.
	TriggerConfig string
}

// JobPage is one page of ListJobs.
type JobPage struct {
	Jobs     []JobSummary
	Total    int
	Page     int
	PageSize int
}

// Job is a job template as DescribeJob returns it.
type Job struct {
	AppId       string
	AppName     string
	RegionId    string
	NamespaceId string
	// Described is DescribeJob's Data as a map of its JSON keys, for
	// model.FromDescribed; numbers are json.Number.
	Described map[string]any
	// PublicWebHookUrls and VpcWebHookUrls are an HTTP trigger's addresses.
	PublicWebHookUrls []string
	VpcWebHookUrls    []string
	Suspended         bool
	// Sandbox is true when the answer came from a sandbox: the job exists nowhere else.
	Sandbox bool
}

// Price is what a Cpu/Memory pair costs (DescribeConfigurationPrice with
// Workload job). The amounts are as SAE returns them, in its currency and
// billing unit; the unit is not stated by the SDK.
type Price struct {
	OriginalAmount float64
	DiscountAmount float64
	TradeAmount    float64
	// Rules names the discounts applied.
	Rules []string
}

// Execution is what ExecJob answers.
type Execution struct {
	RequestId string
	// Code, Message and Data are the inner answer (Data is SAE's, e.g. the run's id).
	Code    string
	Message string
	Data    string
	Success bool
}

// call makes one SDK call of operation op with the client's credentials and
// a bounded wait, and checks the answer's Success. do receives the SDK client
// and its runtime options and returns the answer's body. Errors:
// *CredentialsError (nothing sent), *ReadError.
func (c *Client) call(ctx context.Context, op string, do func(*sae.Client, *dara.RuntimeOptions) (any, error)) error {
	_, err := c.callFrom(ctx, op, do)
	return err
}

// callFrom is call, and also says whether a sandbox answered (SandboxHeader).
func (c *Client) callFrom(ctx context.Context, op string, do func(*sae.Client, *dara.RuntimeOptions) (any, error)) (fromSandbox bool, err error) {
	if ctx == nil {
		ctx = context.Background()
	}
	url := c.endpoint.URL()
	creds, _, err := c.credentials(ctx)
	if err != nil && ctx.Err() == nil {
		return false, err
	}
	connect, read := c.opts.timeouts(DefaultReadTimeoutForReads)
	if err := ctx.Err(); err != nil {
		return false, &ReadError{Operation: op, Endpoint: url, Reason: "cancelled before sending", Err: err, notSent: true}
	}
	wc := &wireClient{ctx: ctx, timeout: connect + read, loopback: c.endpoint.Loopback()}
	defer wc.close()
	client, err := c.sdkClient(creds, wc, connect, read)
	if err != nil {
		return false, &ReadError{Operation: op, Endpoint: url, Reason: "cannot set up the SAE client: " + redact(err.Error(), []string{creds.AccessKeySecret, creds.SecurityToken}), Err: err, notSent: true}
	}
	var body any
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("the SDK failed on the answer: %v", r)
			}
		}()
		body, err = do(client, &dara.RuntimeOptions{})
	}()
	if err != nil {
		return wc.fromSandbox(), readFailure(op, url, err, wc, read)
	}
	m, _ := toMap(body)
	if ok, has := m["Success"].(bool); has && !ok {
		status, headerID, _ := wc.answer()
		e := &ReadError{Operation: op, Endpoint: url}
		e.fromAPI(apiErrorFrom(status, m, headerID))
		return wc.fromSandbox(), e
	}
	return wc.fromSandbox(), nil
}

// Regions lists the regions SAE offers.
func (c *Client) Regions(ctx context.Context) ([]Region, error) {
	var out []Region
	err := c.call(ctx, "DescribeRegions", func(cl *sae.Client, rt *dara.RuntimeOptions) (any, error) {
		resp, err := cl.DescribeRegionsWithOptions(map[string]*string{}, rt)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, err
		}
		if resp.Body.Regions != nil {
			for _, r := range resp.Body.Regions.Region {
				if r != nil {
					out = append(out, Region{RegionId: tea.StringValue(r.RegionId), LocalName: tea.StringValue(r.LocalName), Endpoint: tea.StringValue(r.RegionEndpoint)})
				}
			}
		}
		return resp.Body, nil
	})
	return out, err
}

// Namespaces lists the namespaces of the client's region, with their networks.
func (c *Client) Namespaces(ctx context.Context) ([]Namespace, error) {
	var out []Namespace
	err := c.call(ctx, "DescribeNamespaceList", func(cl *sae.Client, rt *dara.RuntimeOptions) (any, error) {
		resp, err := cl.DescribeNamespaceListWithOptions(&sae.DescribeNamespaceListRequest{ContainCustom: tea.Bool(true)}, map[string]*string{}, rt)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, err
		}
		for _, n := range resp.Body.Data {
			if n == nil {
				continue
			}
			ns := Namespace{
				NamespaceId: tea.StringValue(n.NamespaceId), NamespaceName: tea.StringValue(n.NamespaceName),
				RegionId: tea.StringValue(n.RegionId), VpcId: tea.StringValue(n.VpcId), VSwitchId: tea.StringValue(n.VSwitchId),
				SecurityGroupId: tea.StringValue(n.SecurityGroupId), Custom: tea.BoolValue(n.Custom),
			}
			// SAE answers for the endpoint's region; a list that mixes
			// regions (the sandbox's) is narrowed to the client's.
			if c.endpoint.Region != "" && ns.RegionId != "" && ns.RegionId != c.endpoint.Region {
				continue
			}
			out = append(out, ns)
		}
		return resp.Body, nil
	})
	return out, err
}

// NamespaceResources reads one namespace: its description and its VPC,
// vSwitch and security group.
func (c *Client) NamespaceResources(ctx context.Context, namespaceID string) (*Namespace, error) {
	var out *Namespace
	err := c.call(ctx, "DescribeNamespaceResources", func(cl *sae.Client, rt *dara.RuntimeOptions) (any, error) {
		resp, err := cl.DescribeNamespaceResourcesWithOptions(&sae.DescribeNamespaceResourcesRequest{NamespaceId: tea.String(namespaceID)}, map[string]*string{}, rt)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, err
		}
		if d := resp.Body.Data; d != nil {
			out = &Namespace{
				NamespaceId: tea.StringValue(d.NamespaceId), NamespaceName: tea.StringValue(d.NamespaceName),
				Description: tea.StringValue(d.Description), RegionId: tea.StringValue(d.BelongRegion),
				VpcId: tea.StringValue(d.VpcId), VpcName: tea.StringValue(d.VpcName),
				VSwitchId: tea.StringValue(d.VSwitchId), VSwitchName: tea.StringValue(d.VSwitchName),
				SecurityGroupId: tea.StringValue(d.SecurityGroupId),
			}
		}
		return resp.Body, nil
	})
	if err == nil && out == nil {
		out = &Namespace{NamespaceId: namespaceID}
	}
	return out, err
}

// ConfigMaps lists a namespace's ConfigMaps with their keys.
func (c *Client) ConfigMaps(ctx context.Context, namespaceID string) ([]ConfigMap, error) {
	var out []ConfigMap
	err := c.call(ctx, "ListNamespacedConfigMaps", func(cl *sae.Client, rt *dara.RuntimeOptions) (any, error) {
		resp, err := cl.ListNamespacedConfigMapsWithOptions(&sae.ListNamespacedConfigMapsRequest{NamespaceId: tea.String(namespaceID)}, map[string]*string{}, rt)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, err
		}
		if resp.Body.Data != nil {
			for _, m := range resp.Body.Data.ConfigMaps {
				if m == nil {
					continue
				}
				cm := ConfigMap{ConfigMapId: tea.Int64Value(m.ConfigMapId), Name: tea.StringValue(m.Name),
					Description: tea.StringValue(m.Description), NamespaceId: tea.StringValue(m.NamespaceId), Data: map[string]string{}}
				for k, v := range m.Data {
					cm.Keys = append(cm.Keys, k)
					if s, ok := v.(string); ok {
						cm.Data[k] = s
					} else {
						b, _ := json.Marshal(v)
						cm.Data[k] = string(b)
					}
				}
				sort.Strings(cm.Keys)
				out = append(out, cm)
			}
		}
		return resp.Body, nil
	})
	return out, err
}

// Jobs lists job templates (ListJobs, Workload job).
func (c *Client) Jobs(ctx context.Context, f JobFilter) (*JobPage, error) {
	page, size := max(f.Page, 1), f.PageSize
	if size <= 0 {
		size = 100
	}
	out := &JobPage{Page: page, PageSize: size}
	err := c.call(ctx, "ListJobs", func(cl *sae.Client, rt *dara.RuntimeOptions) (any, error) {
		req := &sae.ListJobsRequest{CurrentPage: tea.Int32(int32(page)), PageSize: tea.Int32(int32(size)), Workload: tea.String("job")}
		if f.NamespaceId != "" {
			req.NamespaceId = tea.String(f.NamespaceId)
		}
		if f.AppName != "" {
			req.FieldType, req.FieldValue = tea.String("appName"), tea.String(f.AppName)
		}
		resp, err := cl.ListJobsWithOptions(req, map[string]*string{}, rt)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, err
		}
		if d := resp.Body.Data; d != nil {
			out.Total = int(tea.Int32Value(d.TotalSize))
			for _, a := range d.Applications {
				if a == nil {
					continue
				}
				j := JobSummary{
					AppId: tea.StringValue(a.AppId), AppName: tea.StringValue(a.AppName), AppDescription: tea.StringValue(a.AppDescription),
					NamespaceId: tea.StringValue(a.NamespaceId), RegionId: tea.StringValue(a.RegionId),
					Cpu: int(tea.Int32Value(a.Cpu)), Memory: int(tea.Int32Value(a.Mem)), Suspended: tea.BoolValue(a.Suspend),
					TriggerConfig: tea.StringValue(a.TriggerConfig),
				}
				if c.endpoint.Region != "" && j.RegionId != "" && j.RegionId != c.endpoint.Region {
					out.Total--
					continue
				}
				out.Jobs = append(out.Jobs, j)
			}
		}
		return resp.Body, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DescribeJob reads one job template.
func (c *Client) DescribeJob(ctx context.Context, appID string) (*Job, error) {
	var out *Job
	sandbox, err := c.callFrom(ctx, "DescribeJob", func(cl *sae.Client, rt *dara.RuntimeOptions) (any, error) {
		resp, err := cl.DescribeJobWithOptions(&sae.DescribeJobRequest{AppId: tea.String(appID)}, map[string]*string{}, rt)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, err
		}
		if d := resp.Body.Data; d != nil {
			described, err := describedMap(d)
			if err != nil {
				return nil, err
			}
			out = &Job{
				AppId: tea.StringValue(d.AppId), AppName: tea.StringValue(d.AppName), RegionId: tea.StringValue(d.RegionId),
				NamespaceId: tea.StringValue(d.NamespaceId), Described: described,
				PublicWebHookUrls: tea.StringSliceValue(d.PublicWebHookUrls), VpcWebHookUrls: tea.StringSliceValue(d.VpcWebHookUrls),
				Suspended: tea.BoolValue(d.Suspend),
			}
		}
		return resp.Body, nil
	})
	if err == nil && out == nil {
		err = &ReadError{Operation: "DescribeJob", Endpoint: c.endpoint.URL(), Reason: "the answer carried no job"}
	}
	if out != nil {
		out.Sandbox = sandbox
	}
	return out, err
}

// describedMap turns DescribeJob's Data into a map of its JSON keys, numbers as json.Number.
func describedMap(d *sae.DescribeJobResponseBodyData) (map[string]any, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	m := map[string]any{}
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

// Price reads what cpu millicores and memory MB cost for a job.
func (c *Client) Price(ctx context.Context, cpu, memory int) (*Price, error) {
	out := &Price{}
	err := c.call(ctx, "DescribeConfigurationPrice", func(cl *sae.Client, rt *dara.RuntimeOptions) (any, error) {
		req := &sae.DescribeConfigurationPriceRequest{Cpu: tea.Int32(int32(cpu)), Memory: tea.Int32(int32(memory)), Workload: tea.String("job")}
		resp, err := cl.DescribeConfigurationPriceWithOptions(req, map[string]*string{}, rt)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, err
		}
		if d := resp.Body.Data; d != nil {
			if o := d.Order; o != nil {
				out.OriginalAmount = float64(tea.Float32Value(o.OriginalAmount))
				out.DiscountAmount = float64(tea.Float32Value(o.DiscountAmount))
				out.TradeAmount = float64(tea.Float32Value(o.TradeAmount))
			}
			for _, r := range d.Rules {
				if r != nil && tea.StringValue(r.Name) != "" {
					out.Rules = append(out.Rules, tea.StringValue(r.Name))
				}
			}
		}
		return resp.Body, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ExecJob runs a job once now. It is sent once and never retried. Errors:
// *CredentialsError (nothing sent), *ExecError.
func (c *Client) ExecJob(ctx context.Context, appID string) (*Execution, error) {
	out := &Execution{}
	var sent bool
	err := c.call(ctx, "ExecJob", func(cl *sae.Client, rt *dara.RuntimeOptions) (any, error) {
		sent = true
		resp, err := cl.ExecJobWithOptions(&sae.ExecJobRequest{AppId: tea.String(appID)}, map[string]*string{}, rt)
		if err != nil || resp == nil || resp.Body == nil {
			return nil, err
		}
		out.RequestId = tea.StringValue(resp.Body.RequestId)
		if d := resp.Body.Data; d != nil {
			out.Code, out.Message, out.Data = tea.StringValue(d.Code), tea.StringValue(d.Msg), tea.StringValue(d.Data)
			out.Success = tea.StringValue(d.Success) == "true"
		}
		return resp.Body, nil
	})
	var re *ReadError
	if errors.As(err, &re) {
		// A request that never left, or a clear refusal (4xx), started
		// nothing; anything else may have.
		refused := re.HttpStatus >= 400 && re.HttpStatus < 500
		return nil, &ExecError{ReadError: *re, MayHaveStarted: sent && !re.notSent && !refused}
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ReadCause says why a read failed, as one of model's Cause constants, or ""
// when SAE answered with another error.
func ReadCause(err error) string {
	var re *ReadError
	if !errors.As(err, &re) {
		return ""
	}
	return CodeCause(re.Code, re.HttpStatus)
}

// CodeCause is ReadCause for an error code and HTTP status already read
// (0 and "" when no answer came).
func CodeCause(code string, status int) string {
	switch {
	case code == "" && status == 0:
		return model.CauseNoAnswer
	case strings.HasPrefix(code, "SignatureDoesNotMatch"), strings.HasPrefix(code, "InvalidAccessKeyId"),
		strings.HasPrefix(code, "InvalidSecurityToken"), code == "IncompleteSignature":
		return model.CauseKey
	case strings.HasPrefix(code, "Forbidden"), code == "NoPermission":
		return model.CauseDenied
	case strings.HasPrefix(code, "Throttling"), status == 429:
		return model.CauseThrottled
	}
	return ""
}
