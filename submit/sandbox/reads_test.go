package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	sae "github.com/alibabacloud-go/sae-20190506/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"

	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
	"github.com/saejob/saejob/submit/sandbox"
)

// sdkClient is the official SDK client, configured by hand, signed with the sandbox's keys.
func sdkClient(t *testing.T, sb *sandbox.Server, endpoint string) *sae.Client {
	t.Helper()
	c, err := sae.NewClient(&openapi.Config{
		AccessKeyId:     tea.String(sb.AccessKeyId),
		AccessKeySecret: tea.String(sb.AccessKeySecret),
		Endpoint:        tea.String(strings.TrimPrefix(endpoint, "http://")),
		Protocol:        tea.String("http"),
		RegionId:        tea.String("cn-hangzhou"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var noHeaders = map[string]*string{}

func rt() *dara.RuntimeOptions { return &dara.RuntimeOptions{} }

// TestSDKReadsEveryOperation calls each operation the sandbox serves
// through the official SDK client and checks the fields the SDK parsed, so
// the sandbox's answers keep the SDK's shapes.
func TestSDKReadsEveryOperation(t *testing.T) {
	sb, o := start(t)
	c := sdkClient(t, sb, o.Endpoint)

	regions, err := c.DescribeRegionsWithOptions(noHeaders, rt())
	if err != nil {
		t.Fatal(err)
	}
	if r := regions.Body.Regions.Region; len(r) != 2 || tea.StringValue(r[0].RegionId) != "cn-hangzhou" || tea.StringValue(r[1].RegionId) != "cn-shanghai" ||
		tea.Int32Value(regions.Body.Code) != 200 || tea.StringValue(r[0].RegionEndpoint) != "sae.cn-hangzhou.aliyuncs.com" || len(r[0].RecommendZones.RecommendZone) == 0 {
		t.Errorf("DescribeRegions: %v", regions.Body)
	}

	nsList, err := c.DescribeNamespaceListWithOptions(&sae.DescribeNamespaceListRequest{ContainCustom: tea.Bool(true)}, noHeaders, rt())
	if err != nil {
		t.Fatal(err)
	}
	if len(nsList.Body.Data) != len(sandbox.Namespaces) || !tea.BoolValue(nsList.Body.Success) {
		t.Fatalf("DescribeNamespaceList: %v", nsList.Body)
	}
	for _, n := range nsList.Body.Data {
		if tea.StringValue(n.VpcId) == "" || tea.StringValue(n.VSwitchId) == "" || tea.StringValue(n.SecurityGroupId) == "" || tea.StringValue(n.RegionId) == "" {
			t.Errorf("namespace without its network: %v", n)
		}
	}

	res, err := c.DescribeNamespaceResourcesWithOptions(&sae.DescribeNamespaceResourcesRequest{NamespaceId: tea.String("cn-hangzhou:dev")}, noHeaders, rt())
	if err != nil {
		t.Fatal(err)
	}
	if d := res.Body.Data; tea.StringValue(d.VpcId) != "vpc-bp1sandbox0dev000000" || tea.StringValue(d.VSwitchId) != "vsw-bp1sandbox0dev000000" ||
		tea.StringValue(d.SecurityGroupId) != "sg-bp1sandbox0dev000000" || tea.StringValue(d.NamespaceName) != "dev" || tea.Int64Value(d.AppCount) != 1 {
		t.Errorf("DescribeNamespaceResources: %v", d)
	}

	cms, err := c.ListNamespacedConfigMapsWithOptions(&sae.ListNamespacedConfigMapsRequest{NamespaceId: tea.String("cn-hangzhou:dev")}, noHeaders, rt())
	if err != nil {
		t.Fatal(err)
	}
	if m := cms.Body.Data.ConfigMaps; len(m) != 2 || tea.Int64Value(m[0].ConfigMapId) != 1001 || m[0].Data["LOG_LEVEL"] != "debug" ||
		len(m[0].RelateApps) != 1 || tea.StringValue(m[0].RelateApps[0].AppName) != "nightly-report" {
		t.Errorf("ListNamespacedConfigMaps: %v", cms.Body.Data)
	}

	jobs, err := c.ListJobsWithOptions(&sae.ListJobsRequest{CurrentPage: tea.Int32(1), PageSize: tea.Int32(2), Workload: tea.String("job")}, noHeaders, rt())
	if err != nil {
		t.Fatal(err)
	}
	if d := jobs.Body.Data; len(d.Applications) != 2 || tea.Int32Value(d.TotalSize) != 3 || tea.Int32Value(jobs.Body.TotalSize) != 3 ||
		tea.StringValue(d.Applications[0].AppName) != "nightly-report" || tea.Int32Value(d.Applications[0].Cpu) != 1000 || tea.Int32Value(d.Applications[0].Mem) != 2048 {
		t.Errorf("ListJobs: %v", jobs.Body)
	}

	job, err := c.DescribeJobWithOptions(&sae.DescribeJobRequest{AppId: tea.String("5a1d3c2e-7b1f-4c3a-9d2e-0a1b2c3d4e01")}, noHeaders, rt())
	if err != nil {
		t.Fatal(err)
	}
	if d := job.Body.Data; tea.StringValue(d.AppName) != "nightly-report" || tea.Int32Value(d.Cpu) != 1000 || tea.Int64Value(d.Timeout) != 3600 ||
		len(d.ConfigMapMountDesc) != 1 || tea.Int64Value(d.ConfigMapMountDesc[0].ConfigMapId) != 1001 || tea.StringValue(d.ConfigMapMountDesc[0].ConfigMapName) != "app-config" ||
		tea.StringValue(d.ConfigMapMountDesc[0].Key) != "application.properties" || !strings.Contains(tea.StringValue(d.Envs), `"configMapId":1001`) ||
		tea.StringValue(d.CommandArgs) != `["report.py","--days","7"]` || tea.StringValue(d.RegionId) != "cn-hangzhou" {
		t.Errorf("DescribeJob: %v", d)
	}
	http, err := c.DescribeJobWithOptions(&sae.DescribeJobRequest{AppId: tea.String("5a1d3c2e-7b1f-4c3a-9d2e-0a1b2c3d4e03")}, noHeaders, rt())
	if err != nil {
		t.Fatal(err)
	}
	if d := http.Body.Data; len(d.PublicWebHookUrls) != 1 || len(d.VpcWebHookUrls) != 1 || !tea.BoolValue(d.Slice) || tea.StringValue(d.SliceEnvs) != `["orders","refunds"]` {
		t.Errorf("DescribeJob of an HTTP job: %v", d)
	}

	price, err := c.DescribeConfigurationPriceWithOptions(&sae.DescribeConfigurationPriceRequest{Cpu: tea.Int32(2000), Memory: tea.Int32(4096), Workload: tea.String("job")}, noHeaders, rt())
	if err != nil {
		t.Fatal(err)
	}
	if o := price.Body.Data.Order; tea.Float32Value(o.TradeAmount) <= 0 || tea.Float32Value(o.TradeAmount) >= tea.Float32Value(o.OriginalAmount) ||
		tea.Float32Value(price.Body.Data.CpuMemPrice.Order.TradeAmount) != tea.Float32Value(o.TradeAmount) {
		t.Errorf("DescribeConfigurationPrice: %v", price.Body.Data)
	}

	created, err := c.CreateJobWithOptions(createRequest(t), noHeaders, rt())
	if err != nil {
		t.Fatal(err)
	}
	order := created.Body.Data.ChangeOrderId
	var statuses []int32
	for range 4 {
		co, err := c.DescribeChangeOrderWithOptions(&sae.DescribeChangeOrderRequest{ChangeOrderId: order}, noHeaders, rt())
		if err != nil {
			t.Fatal(err)
		}
		if tea.StringValue(co.Body.Data.AppId) != tea.StringValue(created.Body.Data.AppId) || len(co.Body.Data.Pipelines) != 1 {
			t.Errorf("DescribeChangeOrder: %v", co.Body.Data)
		}
		statuses = append(statuses, tea.Int32Value(co.Body.Data.Status))
	}
	if want := []int32{1, 1, 2, 2}; !equal(statuses, want) {
		t.Errorf("change order statuses %v, want %v (executing twice, then executed)", statuses, want)
	}

	exec, err := c.ExecJobWithOptions(&sae.ExecJobRequest{AppId: created.Body.Data.AppId}, noHeaders, rt())
	if err != nil {
		t.Fatal(err)
	}
	if d := exec.Body.Data; tea.StringValue(d.Success) != "true" || tea.StringValue(d.Code) != "200" || tea.StringValue(d.Data) == "" || !tea.BoolValue(exec.Body.Success) {
		t.Errorf("ExecJob: %v", exec.Body)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// createRequest is a small CreateJob request, as the SDK takes it.
func createRequest(t *testing.T) *sae.CreateJobRequest {
	t.Helper()
	return &sae.CreateJobRequest{
		AppName: tea.String("sdk-demo"), NamespaceId: tea.String("cn-hangzhou:dev"), PackageType: tea.String("Image"),
		ImageUrl: tea.String("registry.cn-hangzhou.aliyuncs.com/sandbox/demo:1"), Cpu: tea.Int32(500), Memory: tea.Int32(1024),
		Replicas: tea.Int32(1), Workload: tea.String("job"),
	}
}

// TestSDKReadErrors checks SAE's error answers reach the SDK as SDK errors
// with SAE's code, and that faults apply to reads.
func TestSDKReadErrors(t *testing.T) {
	sb, o := start(t)
	c := sdkClient(t, sb, o.Endpoint)
	_, err := c.DescribeJobWithOptions(&sae.DescribeJobRequest{AppId: tea.String("no-such-app")}, noHeaders, rt())
	if e, ok := err.(*tea.SDKError); !ok || tea.IntValue(e.StatusCode) != 404 || !strings.Contains(tea.StringValue(e.Data), "InvalidAppId.NotFound") {
		t.Errorf("unknown AppId: %v", err)
	}
	_, err = c.DescribeJobWithOptions(&sae.DescribeJobRequest{}, noHeaders, rt())
	if e, ok := err.(*tea.SDKError); !ok || tea.IntValue(e.StatusCode) != 400 || !strings.Contains(tea.StringValue(e.Data), "InvalidParameter.NotEmpty") {
		t.Errorf("no AppId: %v", err)
	}
	_, err = c.DescribeNamespaceResourcesWithOptions(&sae.DescribeNamespaceResourcesRequest{NamespaceId: tea.String("cn-hangzhou:nope")}, noHeaders, rt())
	if e, ok := err.(*tea.SDKError); !ok || !strings.Contains(tea.StringValue(e.Data), "InvalidNamespaceId.NotFound") {
		t.Errorf("unknown namespace: %v", err)
	}
	sb.SetFault(sandbox.Fault{Mode: sandbox.Error, Code: "Throttling.User", Shape: sandbox.ShapePOP, Status: 400})
	_, err = c.DescribeRegionsWithOptions(noHeaders, rt())
	if e, ok := err.(*tea.SDKError); !ok || !strings.Contains(tea.StringValue(e.Code), "Throttling.User") {
		t.Errorf("fault on a read: %v", err)
	}
	sb.SetFault(sandbox.Fault{})
	bad := sdkClient(t, sandbox.NewWithKeys(sb.AccessKeyId, "wrong-secret"), o.Endpoint)
	_, err = bad.ListJobsWithOptions(&sae.ListJobsRequest{}, noHeaders, rt())
	if e, ok := err.(*tea.SDKError); !ok || !strings.Contains(tea.StringValue(e.Code), "SignatureDoesNotMatch") {
		t.Errorf("bad signature on a read: %v", err)
	}
}

// TestClientReads reads everything through submit.Client, as saejob does.
func TestClientReads(t *testing.T) {
	sb, o := start(t)
	c, err := submit.New(o)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	regions, err := c.Regions(ctx)
	if err != nil || len(regions) != 2 {
		t.Fatalf("Regions: %v %v", regions, err)
	}
	ns, err := c.Namespaces(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range ns {
		if n.RegionId != "cn-hangzhou" {
			t.Errorf("namespace of another region: %+v", n)
		}
	}
	if len(ns) != 3 {
		t.Errorf("%d namespaces in cn-hangzhou, want 3: %+v", len(ns), ns)
	}
	res, err := c.NamespaceResources(ctx, "cn-hangzhou:prod")
	if err != nil || res.VpcId != "vpc-bp1sandbox0prod00000" || res.Description == "" || res.VSwitchName == "" {
		t.Errorf("NamespaceResources: %+v %v", res, err)
	}
	cms, err := c.ConfigMaps(ctx, "cn-hangzhou:dev")
	if err != nil || len(cms) != 2 || strings.Join(cms[0].Keys, ",") != "LOG_LEVEL,application.properties" {
		t.Errorf("ConfigMaps: %+v %v", cms, err)
	}
	page, err := c.Jobs(ctx, submit.JobFilter{NamespaceId: "cn-hangzhou:prod", AppName: "backup"})
	if err != nil || len(page.Jobs) != 1 || page.Jobs[0].AppName != "db-backup" || page.Jobs[0].Memory != 4096 {
		t.Errorf("Jobs: %+v %v", page, err)
	}
	price, err := c.Price(ctx, 1000, 2048)
	if err != nil || price.TradeAmount <= 0 || len(price.Rules) != 1 {
		t.Errorf("Price: %+v %v", price, err)
	}

	r, err := c.Submit(ctx, template(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for range 3 {
		co, err := c.ChangeOrder(ctx, r.ChangeOrderId)
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, co.Status)
	}
	if strings.Join(seen, ",") != "executing,executing,success" {
		t.Errorf("change order went %v", seen)
	}
	job, err := c.DescribeJob(ctx, r.AppId)
	if err != nil || job.AppName != "sandbox-demo" || !job.Sandbox || job.Described["Cpu"] == nil {
		t.Fatalf("DescribeJob: %+v %v", job, err)
	}
	back, notes := model.FromDescribed(job.Described)
	if len(notes) > 0 {
		t.Errorf("notes: %v", notes)
	}
	if got, want := string(back.PreviewJSON(true)), string(template(t, nil).PreviewJSON(true)); got != want {
		t.Errorf("DescribeJob does not map back to the template:\n%s\nwant\n%s", got, want)
	}
	exec, err := c.ExecJob(ctx, r.AppId)
	if err != nil || !exec.Success || exec.Data == "" {
		t.Errorf("ExecJob: %+v %v", exec, err)
	}
	if n := len(sb.Jobs()); n != 4 {
		t.Errorf("the sandbox knows %d jobs, want 3 seeded + 1 created", n)
	}
}

// TestClientReadErrorsAreNotCreateErrors checks a failed read says it was a
// read, with SAE's code, and never looks like a failed create.
func TestClientReadErrorsAreNotCreateErrors(t *testing.T) {
	sb, o := start(t)
	c, _ := submit.New(o)
	_, err := c.DescribeJob(context.Background(), "no-such-app")
	re, ok := err.(*submit.ReadError)
	if !ok || re.Code != "InvalidAppId.NotFound" || re.HttpStatus != 404 || re.Operation != "DescribeJob" || re.RequestId == "" {
		t.Fatalf("%T %v", err, err)
	}
	if msg := err.Error(); strings.Contains(msg, "CreateJob") || !strings.Contains(msg, "nothing was created or changed") {
		t.Errorf("message: %s", msg)
	}
	sb.SetFault(sandbox.Fault{Mode: sandbox.Garbage})
	if _, err := c.Regions(context.Background()); err == nil || !strings.Contains(err.Error(), "could not be read") {
		t.Errorf("garbage: %v", err)
	}
	sb.SetFault(sandbox.Fault{Mode: sandbox.Error, Code: "InvalidParameter.WithMessage", Shape: sandbox.ShapeOK})
	if _, err := c.Namespaces(context.Background()); err == nil || err.(*submit.ReadError).Code != "InvalidParameter.WithMessage" {
		t.Errorf("HTTP 200 with Success false: %v", err)
	}
	// ExecJob refused: nothing started. ExecJob dropped: it may have.
	sb.SetFault(sandbox.Fault{})
	_, err = c.ExecJob(context.Background(), "no-such-app")
	if ee, ok := err.(*submit.ExecError); !ok || ee.MayHaveStarted || !strings.Contains(ee.Error(), "Nothing was started") {
		t.Errorf("ExecJob refused: %v", err)
	}
	sb.SetFault(sandbox.Fault{Mode: sandbox.Drop})
	before := sb.Requests()
	_, err = c.ExecJob(context.Background(), "5a1d3c2e-7b1f-4c3a-9d2e-0a1b2c3d4e01")
	if ee, ok := err.(*submit.ExecError); !ok || !ee.MayHaveStarted {
		t.Errorf("ExecJob dropped: %v", err)
	}
	if n := sb.Requests() - before; n != 1 {
		t.Errorf("ExecJob sent %d times, want once (never retried)", n)
	}
}

// TestReadTimesOut checks a stalled read gives up within its timeout.
func TestReadTimesOut(t *testing.T) {
	sb, o := start(t)
	o.ReadTimeout = 200e6 // 200ms
	c, _ := submit.New(o)
	sb.SetFault(sandbox.Fault{Mode: sandbox.Stall})
	_, err := c.ChangeOrder(context.Background(), "x")
	if re, ok := err.(*submit.ReadError); !ok || !strings.Contains(re.Reason, "no answer") {
		t.Errorf("%T %v", err, err)
	}
}

// TestChangeOrderOutcomes checks each outcome's statuses, poll by poll.
func TestChangeOrderOutcomes(t *testing.T) {
	for _, tc := range []struct {
		outcome sandbox.Outcome
		want    string
	}{
		{sandbox.OutcomeSuccess, "executing,executing,success"},
		{sandbox.OutcomeFailed, "executing,executing,failed"},
		{sandbox.OutcomeTerminated, "executing,executing,terminated"},
		{sandbox.OutcomeSystemFailure, "executing,executing,system-failure"},
		{sandbox.OutcomeManualBatch, "executing,executing,waiting"},
		{sandbox.OutcomeApproval, "pending-approval,pending-approval,pending-approval"},
	} {
		t.Run(tc.outcome.String(), func(t *testing.T) {
			sb, o := start(t)
			sb.SetChangeOrderOutcome(tc.outcome)
			c, _ := submit.New(o)
			r, err := c.Submit(context.Background(), template(t, nil))
			if err != nil {
				t.Fatal(err)
			}
			var seen []string
			for range 3 {
				co, err := c.ChangeOrder(context.Background(), r.ChangeOrderId)
				if err != nil {
					t.Fatal(err)
				}
				seen = append(seen, co.Status)
			}
			if got := strings.Join(seen, ","); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
			if back, err := sandbox.ParseOutcome(tc.outcome.String()); err != nil || back != tc.outcome {
				t.Errorf("ParseOutcome(%q) = %v, %v", tc.outcome.String(), back, err)
			}
		})
	}
	if _, err := sandbox.ParseOutcome("eventually"); err == nil {
		t.Error("ParseOutcome accepted nonsense")
	}
}

// TestSeededJobsAreValid keeps the sandbox's example jobs valid templates.
func TestSeededJobsAreValid(t *testing.T) {
	sb := sandbox.New()
	srv := httptest.NewServer(sb)
	defer srv.Close()
	for _, j := range sb.Jobs() {
		if errs := j.Template.Validate().Errors(); len(errs) > 0 {
			t.Errorf("%s: %v", j.Template.AppName, errs)
		}
		back, notes := model.FromDescribed(roundJSON(t, sandbox.DescribeJobData(j)))
		if len(notes) > 0 || string(back.PreviewJSON(true)) != string(j.Template.PreviewJSON(true)) {
			t.Errorf("%s does not round-trip through DescribeJob: %v\n%s", j.Template.AppName, notes, back.PreviewJSON(true))
		}
	}
}

// roundJSON sends v through JSON as it travels, numbers as json.Number.
func roundJSON(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	m := map[string]any{}
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

// The price read accepts exactly the Cpu/Memory pairs the catalogue lists.
func TestPriceAcceptsCatalogueSpecs(t *testing.T) {
	sb := sandbox.New()
	defer sb.Close()
	srv := httptest.NewServer(sb)
	defer srv.Close()
	c, err := submit.New(submit.Options{Endpoint: srv.URL, Region: "cn-hangzhou", Credentials: &submit.Credentials{AccessKeyId: sb.AccessKeyId, AccessKeySecret: sb.AccessKeySecret}})
	if err != nil {
		t.Fatal(err)
	}
	for _, cpu := range append(model.CPUs, 3000) {
		for _, mem := range append(model.Memories, 3000) {
			_, err := c.Price(context.Background(), cpu, mem)
			if want := slices.Contains(model.MemoriesFor(cpu), mem); (err == nil) != want {
				t.Errorf("Cpu %d Memory %d: err %v, want valid %v", cpu, mem, err, want)
			}
		}
	}
}
