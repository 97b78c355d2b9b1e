package sandbox

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/saejob/saejob/model"
)

// operation is one API the sandbox serves: the SDK's action, method and
// path (sae-20190506 v1.25.6), and the handler of a read (nil for CreateJob).
type operation struct {
	action string
	method string
	serve  func(s *Server, a *answer, rec Request)
}

// operations maps each path to the operation served there.
var operations = map[string]operation{
	Path:                        {Action, http.MethodPost, nil},
	"/pop/v1/paas/regionConfig": {"DescribeRegions", http.MethodGet, (*Server).describeRegions},
	"/pop/v1/sam/namespace/describeNamespaceList":      {"DescribeNamespaceList", http.MethodGet, (*Server).describeNamespaceList},
	"/pop/v1/sam/namespace/describeNamespaceResources": {"DescribeNamespaceResources", http.MethodGet, (*Server).describeNamespaceResources},
	"/pop/v1/sam/configmap/listNamespacedConfigMaps":   {"ListNamespacedConfigMaps", http.MethodGet, (*Server).listNamespacedConfigMaps},
	"/pop/v1/sam/job/listJobs":                         {"ListJobs", http.MethodGet, (*Server).listJobs},
	"/pop/v1/sam/job/describeJob":                      {"DescribeJob", http.MethodGet, (*Server).describeJob},
	"/pop/v1/paas/configurationPrice":                  {"DescribeConfigurationPrice", http.MethodGet, (*Server).describeConfigurationPrice},
	"/pop/v1/sam/changeorder/DescribeChangeOrder":      {"DescribeChangeOrder", http.MethodGet, (*Server).describeChangeOrder},
	"/pop/v1/sam/job/execJob":                          {"ExecJob", http.MethodGet, (*Server).execJob},
}

// servedList names what the sandbox serves, for a wrong path.
func servedList() string {
	var out []string
	for p, op := range operations {
		out = append(out, op.action+" ("+op.method+" "+p+")")
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// Outcome is how the change orders of the jobs created through the sandbox end.
type Outcome int

// Change order outcomes.
const (
	// OutcomeSuccess: executing for two polls, then executed (2).
	OutcomeSuccess Outcome = iota
	// OutcomeFailed: executing, then failed (3) with an error message.
	OutcomeFailed
	// OutcomeTerminated: executing, then terminated (6).
	OutcomeTerminated
	// OutcomeSystemFailure: executing, then a system failure (10).
	OutcomeSystemFailure
	// OutcomeManualBatch: executing, then waiting for a manual batch (8).
	OutcomeManualBatch
	// OutcomeApproval: pending approval (11) from the first poll.
	OutcomeApproval
	// OutcomeUnreadable: executing at the first poll, then every read of
	// it fails (503): the job exists, only its change order cannot be read.
	OutcomeUnreadable
)

var outcomeNames = []string{"success", "failed", "terminated", "system-failure", "manual-batch", "approval", "unreadable"}

// OutcomeSyntax lists what ParseOutcome reads.
const OutcomeSyntax = "success | failed | terminated | system-failure | manual-batch | approval | unreadable"

func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "success"
}

// ParseOutcome reads a change order outcome by name.
func ParseOutcome(s string) (Outcome, error) {
	for i, n := range outcomeNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Outcome(i), nil
		}
	}
	if strings.TrimSpace(s) == "" {
		return OutcomeSuccess, nil
	}
	return 0, fmt.Errorf("change order outcome %q: expected %s", s, OutcomeSyntax)
}

// SetChangeOrderOutcome makes the change orders of the jobs created from
// now on end as o.
func (s *Server) SetChangeOrderOutcome(o Outcome) {
	s.mu.Lock()
	s.coOutcome = o
	s.mu.Unlock()
}

// pollsBeforeEnd is how many polls a change order stays executing.
const pollsBeforeEnd = 2

// poll moves the change order on by one poll and returns its numeric
// status and error message.
func (co *changeOrder) poll() (status int, errMsg string) {
	co.polls++
	if co.outcome == OutcomeApproval {
		return 11, ""
	}
	if co.outcome == OutcomeUnreadable {
		return 1, ""
	}
	if co.polls <= pollsBeforeEnd {
		return 1, ""
	}
	switch co.outcome {
	case OutcomeFailed:
		return 3, "Back-off pulling image: the image could not be pulled (a made-up failure: sandbox)"
	case OutcomeTerminated:
		return 6, ""
	case OutcomeSystemFailure:
		return 10, "System error while starting the job (a made-up failure: sandbox)"
	case OutcomeManualBatch:
		return 8, ""
	}
	return 2, ""
}

// ok answers SAE's success shape with data.
func (a *answer) ok(data any, extra map[string]any, outcome string) {
	body := map[string]any{
		"RequestId": a.requestID,
		"Code":      "200",
		"Message":   "success (" + Label + ")",
		"ErrorCode": "",
		"Success":   true,
		"TraceId":   a.traceID,
		"Data":      data,
	}
	for k, v := range extra {
		body[k] = v
	}
	a.json(200, body, outcome)
}

// required reads a parameter that must be there, answering the error when it is not.
func (a *answer) required(rec Request, name string) (string, bool) {
	v, _ := rec.Param(name)
	if strings.TrimSpace(v) == "" {
		a.sae(400, false, "InvalidParameter.NotEmpty", "You must specify the parameter "+name+".")
		return "", false
	}
	return v, true
}

func (s *Server) describeRegions(a *answer, rec Request) {
	var regions []map[string]any
	for _, r := range Regions {
		regions = append(regions, map[string]any{
			"RegionId":       r.RegionId,
			"LocalName":      r.LocalName,
			"RegionEndpoint": "sae." + r.RegionId + ".aliyuncs.com",
			"RecommendZones": map[string]any{"RecommendZone": []string{r.RegionId + "-h", r.RegionId + "-i"}},
		})
	}
	// DescribeRegions has its own shape: a numeric Code and no Success.
	a.json(200, map[string]any{
		"RequestId": a.requestID,
		"Code":      200,
		"Message":   "success (" + Label + ")",
		"Regions":   map[string]any{"Region": regions},
	}, "read DescribeRegions")
}

func namespaceByID(id string) (Namespace, bool) {
	for _, n := range Namespaces {
		if n.NamespaceId == id {
			return n, true
		}
	}
	return Namespace{}, false
}

func (a *answer) noNamespace(id string) {
	a.sae(404, false, "InvalidNamespaceId.NotFound", fmt.Sprintf("The specified namespace ID %s does not exist.", id))
}

func (s *Server) describeNamespaceList(a *answer, rec Request) {
	var data []map[string]any
	for _, n := range Namespaces {
		short := n.NamespaceName
		if !strings.Contains(n.NamespaceId, ":") {
			short = ""
		}
		data = append(data, map[string]any{
			"NamespaceId":       n.NamespaceId,
			"NamespaceName":     n.NamespaceName,
			"NameSpaceShortId":  short,
			"RegionId":          n.RegionId,
			"VpcId":             n.VpcId,
			"VSwitchId":         n.VSwitchId,
			"SecurityGroupId":   n.SecurityGroupId,
			"Custom":            strings.Contains(n.NamespaceId, ":"),
			"Current":           false,
			"HybridCloudEnable": false,
			"AgentInstall":      "",
		})
	}
	a.ok(data, nil, "read DescribeNamespaceList")
}

func (s *Server) describeNamespaceResources(a *answer, rec Request) {
	id, ok := a.required(rec, "NamespaceId")
	if !ok {
		return
	}
	n, found := namespaceByID(id)
	if !found {
		a.noNamespace(id)
		return
	}
	count := 0
	for _, j := range s.Jobs() {
		if j.Template.NamespaceId == id {
			count++
		}
	}
	a.ok(map[string]any{
		"NamespaceId":            n.NamespaceId,
		"NamespaceName":          n.NamespaceName,
		"Description":            n.Description,
		"BelongRegion":           n.RegionId,
		"VpcId":                  n.VpcId,
		"VpcName":                n.VpcName,
		"VSwitchId":              n.VSwitchId,
		"VSwitchName":            n.VSwitchName,
		"SecurityGroupId":        n.SecurityGroupId,
		"AppCount":               count,
		"LastChangeOrderRunning": false,
		"NotificationExpired":    false,
		"TenantId":               "sandbox-tenant",
		"UserId":                 "sandbox-user",
	}, nil, "read DescribeNamespaceResources")
}

func (s *Server) listNamespacedConfigMaps(a *answer, rec Request) {
	id, ok := a.required(rec, "NamespaceId")
	if !ok {
		return
	}
	if _, found := namespaceByID(id); !found {
		a.noNamespace(id)
		return
	}
	maps := []map[string]any{}
	for _, c := range ConfigMaps {
		if c.NamespaceId != id {
			continue
		}
		data := map[string]any{}
		for k, v := range c.Data {
			data[k] = v
		}
		var related []map[string]any
		for _, j := range s.Jobs() {
			if usesConfigMap(j.Template, c.ConfigMapId) {
				related = append(related, map[string]any{"AppId": j.AppId, "AppName": j.Template.AppName})
			}
		}
		maps = append(maps, map[string]any{
			"ConfigMapId": c.ConfigMapId,
			"Name":        c.Name,
			"Description": c.Description,
			"NamespaceId": c.NamespaceId,
			"Data":        data,
			"RelateApps":  related,
			"CreateTime":  int64(1761989400000),
			"UpdateTime":  int64(1764581400000),
		})
	}
	a.ok(map[string]any{"ConfigMaps": maps}, nil, "read ListNamespacedConfigMaps")
}

func usesConfigMap(t *model.Template, id int64) bool {
	for _, m := range t.ConfigMapMountDesc {
		if m.ConfigMapId == id {
			return true
		}
	}
	for _, e := range t.Envs {
		if e.ConfigMapId != nil && *e.ConfigMapId == id {
			return true
		}
	}
	return false
}

func (s *Server) listJobs(a *answer, rec Request) {
	ns, _ := rec.Param("NamespaceId")
	name, _ := rec.Param("AppName")
	if ft, _ := rec.Param("FieldType"); strings.EqualFold(ft, "appName") {
		name, _ = rec.Param("FieldValue")
	}
	page, size := 1, 10
	if v, ok := rec.Param("CurrentPage"); ok {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			page = n
		}
	}
	if v, ok := rec.Param("PageSize"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			a.sae(400, false, "InvalidParameter.WithMessage", "The parameter is invalid {PageSize}: it must be 1 to 200.")
			return
		}
		size = n
	}
	var all []Job
	for _, j := range s.Jobs() {
		if ns != "" && j.Template.NamespaceId != ns {
			continue
		}
		if name != "" && !strings.Contains(j.Template.AppName, name) {
			continue
		}
		all = append(all, j)
	}
	apps := []map[string]any{}
	for i := (page - 1) * size; i < len(all) && i < page*size; i++ {
		j := all[i]
		t := j.Template
		app := map[string]any{
			"AppId":                j.AppId,
			"AppName":              t.AppName,
			"AppDescription":       t.AppDescription,
			"NamespaceId":          t.NamespaceId,
			"RegionId":             j.RegionId,
			"Cpu":                  model.Deref(t.Cpu),
			"Mem":                  model.Deref(t.Memory),
			"Active":               0,
			"Succeeded":            0,
			"Failed":               0,
			"Suspend":              false,
			"LastChangeorderState": "2",
			"LastJobState":         "",
			"Message":              "",
			"Tags":                 []any{},
		}
		if v, ok := t.WireValue("TriggerConfig"); ok {
			app["TriggerConfig"] = v
		}
		apps = append(apps, app)
	}
	paging := map[string]any{"CurrentPage": page, "PageSize": size, "TotalSize": len(all)}
	data := map[string]any{"Applications": apps}
	for k, v := range paging {
		data[k] = v
	}
	a.ok(data, paging, "read ListJobs")
}

// notFoundApp answers as SAE does for an AppId it does not know.
func (a *answer) notFoundApp(appID string) {
	a.sae(404, false, "InvalidAppId.NotFound", fmt.Sprintf("The specified AppId does not exist: %s.", appID))
}

// omittedByDescribeJob are the CreateJob parameters DescribeJob has no field
// for; OssAkSecret has one, but whether SAE fills it in clear is not known,
// so the sandbox, like a careful server, leaves it out.
var omittedByDescribeJob = map[string]bool{"Workload": true, "AutoConfig": true, "EnableImageAccl": true, "BestEffortType": true, "OssAkSecret": true}

// DescribeJobData is a job as DescribeJob's Data carries it: numbers as
// numbers, ConfigMapMountDesc, MountDesc and OssMountDescs as lists of
// objects, the other JSON parameters as JSON strings.
func DescribeJobData(j Job) map[string]any {
	t := j.Template
	d := map[string]any{
		"AppId":       j.AppId,
		"RegionId":    j.RegionId,
		"Suspend":     false,
		"Tags":        []any{},
		"RefedAppIds": []any{},
	}
	for _, p := range t.Wire(true) {
		if omittedByDescribeJob[p.Name] {
			continue
		}
		param, _ := model.Lookup(p.Name)
		switch param.Kind {
		case model.KindInt:
			n, _ := strconv.ParseInt(p.Value, 10, 64)
			d[p.Name] = n
		case model.KindBool:
			d[p.Name] = p.Value == "true"
		default:
			d[p.Name] = p.Value
		}
	}
	if t.ConfigMapMountDesc != nil {
		var l []map[string]any
		for _, m := range t.ConfigMapMountDesc {
			l = append(l, map[string]any{"ConfigMapId": m.ConfigMapId, "ConfigMapName": configMapName(m.ConfigMapId), "Key": m.Key, "MountPath": m.MountPath})
		}
		d["ConfigMapMountDesc"] = l
	}
	if t.MountDesc != nil {
		var l []map[string]any
		for _, m := range t.MountDesc {
			l = append(l, map[string]any{"MountPath": m.MountPath, "NasPath": m.NasPath})
		}
		d["MountDesc"] = l
	}
	if t.OssMountDescs != nil {
		var l []map[string]any
		for _, m := range t.OssMountDescs {
			o := map[string]any{"bucketName": m.BucketName, "bucketPath": m.BucketPath, "mountPath": m.MountPath}
			if m.ReadOnly != nil {
				o["readOnly"] = *m.ReadOnly
			}
			l = append(l, o)
		}
		d["OssMountDescs"] = l
	}
	if t.TriggerConfig != nil && t.TriggerConfig.Type == model.TriggerHTTP {
		host := j.AppId + "." + j.RegionId + ".sae-job.sandbox.invalid"
		d["PublicWebHookUrls"] = []string{"https://" + host + "/"}
		d["VpcWebHookUrls"] = []string{"https://" + j.AppId + ".vpc." + j.RegionId + ".sae-job.sandbox.invalid/"}
	}
	return d
}

func (s *Server) describeJob(a *answer, rec Request) {
	id, ok := a.required(rec, "AppId")
	if !ok {
		return
	}
	j, found := s.job(id)
	if !found {
		a.notFoundApp(id)
		return
	}
	a.ok(DescribeJobData(j), nil, "read DescribeJob AppId="+id)
}

// Prices of the sandbox (in the shape of SAE's answer): per minute of one
// CPU core and of one GiB of memory, chosen so that 2 cores and 4 GiB
// cost the reference's example, 0.0092592.
const (
	pricePerCoreMinute = 0.003858
	pricePerGiBMinute  = 0.0003858
)

func (s *Server) describeConfigurationPrice(a *answer, rec Request) {
	var nums [2]int
	for i, name := range []string{"Cpu", "Memory"} {
		v, ok := a.required(rec, name)
		if !ok {
			return
		}
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			a.sae(400, false, "InvalidParameter.WithMessage", fmt.Sprintf("The parameter is invalid {%s}: %q is not a positive number.", name, v))
			return
		}
		nums[i] = n
	}
	if !model.ValidSpec(nums[0], nums[1]) {
		a.sae(400, false, "InvalidInstanceSpecification.Unsupported", fmt.Sprintf("The current specification is not supported. Cpu: %d, Memory: %d.", nums[0], nums[1]))
		return
	}
	round := func(f float64) float64 { return math.Round(f*1e7) / 1e7 }
	original := round(float64(nums[0])/1000*pricePerCoreMinute + float64(nums[1])/1024*pricePerGiBMinute)
	discount := round(original * 0.2)
	order := map[string]any{"OriginalAmount": original, "DiscountAmount": discount, "TradeAmount": round(original - discount), "RuleIds": []string{"sandbox-rule"}}
	rules := []map[string]any{{"Name": "Sandbox discount 20% (made up)", "RuleDescId": 1}}
	a.ok(map[string]any{
		"CpuMemPrice": map[string]any{"Order": order, "Rules": rules},
		"Order":       order,
		"Rules":       rules,
		"BagUsage":    map[string]any{"Cpu": 0, "Mem": 0, "Cu": 0},
	}, nil, "read DescribeConfigurationPrice")
}

func (s *Server) describeChangeOrder(a *answer, rec Request) {
	id, ok := a.required(rec, "ChangeOrderId")
	if !ok {
		return
	}
	s.mu.Lock()
	co := s.state().orders[id]
	var status int
	var errMsg string
	var snapshot changeOrder
	if co != nil {
		status, errMsg = co.poll()
		snapshot = *co
	}
	s.mu.Unlock()
	if co == nil {
		a.sae(400, false, "InvalidParameter.WithMessage", fmt.Sprintf("The parameter is invalid {ChangeOrderId}: no change order %s.", id))
		return
	}
	if snapshot.outcome == OutcomeUnreadable && snapshot.polls > 1 {
		a.sae(503, false, "ServiceUnavailable", "The request has failed due to a temporary failure of the server (a made-up failure: sandbox).")
		return
	}
	pipelineStatus := status
	a.ok(map[string]any{
		"ChangeOrderId":     snapshot.id,
		"AppId":             snapshot.appID,
		"AppName":           snapshot.appName,
		"Status":            status,
		"SubStatus":         0,
		"CoType":            "Create job (sandbox)",
		"CoTypeCode":        "CoCreateApp",
		"Description":       "Create job template " + snapshot.appName + " (" + Label + ")",
		"ErrorMessage":      errMsg,
		"CreateTime":        snapshot.created.Format("2006-01-02 15:04:05"),
		"BatchCount":        1,
		"BatchType":         "auto",
		"BatchWaitTime":     0,
		"Auto":              true,
		"SupportRollback":   false,
		"ApprovalId":        "",
		"CurrentPipelineId": snapshot.id + "-1",
		"Pipelines": []map[string]any{{
			"PipelineId":    snapshot.id + "-1",
			"PipelineName":  "Batch 1 (sandbox)",
			"Status":        pipelineStatus,
			"BatchType":     0,
			"ParallelCount": 1,
			"StartTime":     snapshot.created.UnixMilli(),
			"UpdateTime":    snapshot.created.UnixMilli(),
		}},
	}, nil, fmt.Sprintf("read DescribeChangeOrder Status=%d", status))
}

func (s *Server) execJob(a *answer, rec Request) {
	id, ok := a.required(rec, "AppId")
	if !ok {
		return
	}
	if _, found := s.job(id); !found {
		a.notFoundApp(id)
		return
	}
	s.mu.Lock()
	acc := s.state()
	acc.execs++
	prefix := id
	if len(prefix) > 8 {
		prefix = prefix[:8]
	}
	run := fmt.Sprintf("%s-manual-%d", prefix, acc.execs)
	s.mu.Unlock()
	a.ok(map[string]any{
		"Code":    "200",
		"Data":    run,
		"Msg":     "success (" + Label + ": nothing ran)",
		"Success": "true",
	}, nil, "exec AppId="+id+" run="+run)
}
