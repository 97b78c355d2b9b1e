package sandbox

import (
	"fmt"
	"strings"
	"time"

	"github.com/saejob/saejob/model"
)

// Region is one region the sandbox pretends to serve.
type Region struct {
	RegionId  string
	LocalName string
}

// Namespace is one seeded namespace with its network.
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
}

// ConfigMap is one seeded ConfigMap.
type ConfigMap struct {
	ConfigMapId int64
	Name        string
	Description string
	NamespaceId string
	Data        map[string]string
}

// Job is a job template the sandbox knows: seeded, or created through it.
type Job struct {
	AppId    string
	RegionId string
	Template *model.Template
	Created  time.Time
	// Seeded is true for the sandbox's own example jobs.
	Seeded bool
}

// changeOrder is the change order of a create, moved on by polls, not time,
// so that tests are repeatable.
type changeOrder struct {
	id      string
	appID   string
	appName string
	polls   int
	outcome Outcome
	created time.Time
}

// account is what the sandbox's pretend account holds.
type account struct {
	jobs   []*Job
	orders map[string]*changeOrder
	execs  int
}

// Regions are the sandbox's two regions.
var Regions = []Region{
	{RegionId: "cn-hangzhou", LocalName: "华东1（杭州） (sandbox)"},
	{RegionId: "cn-shanghai", LocalName: "华东2（上海） (sandbox)"},
}

// Namespaces are the seeded namespaces, each with a VPC, vSwitch and security group.
var Namespaces = []Namespace{
	{"cn-hangzhou", "Default", "The region's default namespace (sandbox)", "cn-hangzhou",
		"vpc-bp1sandbox0default00", "sandbox-default-vpc", "vsw-bp1sandbox0default00", "sandbox-default-vsw-h", "sg-bp1sandbox0default00"},
	{"cn-hangzhou:dev", "dev", "Development jobs (sandbox)", "cn-hangzhou",
		"vpc-bp1sandbox0dev000000", "sandbox-dev-vpc", "vsw-bp1sandbox0dev000000", "sandbox-dev-vsw-h", "sg-bp1sandbox0dev000000"},
	{"cn-hangzhou:prod", "prod", "Production jobs (sandbox)", "cn-hangzhou",
		"vpc-bp1sandbox0prod00000", "sandbox-prod-vpc", "vsw-bp1sandbox0prod00000", "sandbox-prod-vsw-i", "sg-bp1sandbox0prod00000"},
	{"cn-shanghai:test", "test", "Test jobs (sandbox)", "cn-shanghai",
		"vpc-uf6sandbox0test00000", "sandbox-test-vpc", "vsw-uf6sandbox0test00000", "sandbox-test-vsw-b", "sg-uf6sandbox0test00000"},
	{"cn-shanghai:batch", "batch", "Nightly batch jobs (sandbox)", "cn-shanghai",
		"vpc-uf6sandbox0batch0000", "sandbox-batch-vpc", "vsw-uf6sandbox0batch0000", "sandbox-batch-vsw-e", "sg-uf6sandbox0batch0000"},
}

// ConfigMaps are the seeded ConfigMaps.
var ConfigMaps = []ConfigMap{
	{1001, "app-config", "Settings shared by the dev jobs", "cn-hangzhou:dev",
		map[string]string{"LOG_LEVEL": "debug", "application.properties": "report.days=7\nreport.format=csv\n"}},
	{1002, "feature-flags", "Flags for experiments", "cn-hangzhou:dev",
		map[string]string{"NEW_EXPORT": "true", "BATCH_SIZE": "500"}},
	{1003, "app-config", "Settings shared by the production jobs", "cn-hangzhou:prod",
		map[string]string{"LOG_LEVEL": "info", "application.properties": "report.days=30\nreport.format=parquet\n"}},
	{2001, "etl-settings", "Source and target of the ETL", "cn-shanghai:batch",
		map[string]string{"SOURCE": "rds://orders", "TARGET": "oss://warehouse/orders/"}},
}

// seededJobs are the sandbox's example jobs, as the wire parameters that created them.
var seededJobs = []struct {
	appID, region string
	wire          map[string]string
}{
	{"5a1d3c2e-7b1f-4c3a-9d2e-0a1b2c3d4e01", "cn-hangzhou", map[string]string{
		"AppName": "nightly-report", "NamespaceId": "cn-hangzhou:dev", "AppDescription": "Builds the daily sales report",
		"PackageType": "Image", "ImageUrl": "registry.cn-hangzhou.aliyuncs.com/sandbox/report:1.4.2",
		"Cpu": "1000", "Memory": "2048", "Replicas": "1", "Timeout": "3600", "BackoffLimit": "3", "ConcurrencyPolicy": "Forbid",
		"Command": "python", "CommandArgs": `["report.py","--days","7"]`,
		"Envs":               `[{"name":"LOG_LEVEL","valueFrom":"configMapRef","configMapId":1001,"key":"LOG_LEVEL"},{"name":"TZ","value":"Asia/Shanghai"}]`,
		"ConfigMapMountDesc": `[{"configMapId":1001,"key":"application.properties","mountPath":"/app/config/application.properties"}]`,
		"TriggerConfig":      `{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}`,
		"Timezone":           "Asia/Shanghai",
	}},
	{"5a1d3c2e-7b1f-4c3a-9d2e-0a1b2c3d4e02", "cn-hangzhou", map[string]string{
		"AppName": "db-backup", "NamespaceId": "cn-hangzhou:prod", "AppDescription": "Dumps the orders database to OSS",
		"PackageType": "Image", "ImageUrl": "registry.cn-hangzhou.aliyuncs.com/sandbox/backup:2.0.0",
		"Cpu": "2000", "Memory": "4096", "Replicas": "1", "Timeout": "7200", "BackoffLimit": "1", "ConcurrencyPolicy": "Forbid",
		"VpcId": "vpc-bp1sandbox0prod00000", "VSwitchId": "vsw-bp1sandbox0prod00000", "SecurityGroupId": "sg-bp1sandbox0prod00000",
		"TriggerConfig": `{"type":"time","config":"30 2 * * ?","timezone":"GMT+8:00"}`,
	}},
	{"5a1d3c2e-7b1f-4c3a-9d2e-0a1b2c3d4e03", "cn-shanghai", map[string]string{
		"AppName": "etl-on-demand", "NamespaceId": "cn-shanghai:batch", "AppDescription": "Runs the ETL when called over HTTP",
		"PackageType": "Image", "ImageUrl": "registry.cn-shanghai.aliyuncs.com/sandbox/etl:0.9.0",
		"Cpu": "500", "Memory": "1024", "Replicas": "2", "Timeout": "1800", "Slice": "true", "SliceEnvs": `["orders","refunds"]`,
		"TriggerConfig": `{"type":"http","config":{"type":"HTTPS","method":["POST"],"securityConfig":"none"}}`,
	}},
}

// state returns the account, seeding it on first use. Call with s.mu held.
func (s *Server) state() *account {
	if s.account != nil {
		return s.account
	}
	acc := &account{orders: map[string]*changeOrder{}}
	created := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	for i, j := range seededJobs {
		t, err := model.FromWire(j.wire)
		if err != nil {
			// The seed is ours; a test (TestSeededJobsAreValid) keeps it loadable.
			panic(fmt.Sprintf("sandbox seed %s: %v", j.wire["AppName"], err))
		}
		acc.jobs = append(acc.jobs, &Job{AppId: j.appID, RegionId: j.region, Template: t, Created: created.Add(time.Duration(i) * 24 * time.Hour), Seeded: true})
	}
	s.account = acc
	return acc
}

// remember keeps a job created through the sandbox, and its change order.
func (s *Server) remember(appID, orderID string, t *model.Template) (taken *Job) {
	s.mu.Lock()
	defer s.mu.Unlock()
	acc := s.state()
	// As SAE does, a namespace holds one job of a name: checked and
	// recorded under one lock, so two creates cannot both pass.
	for _, j := range acc.jobs {
		if j.Template.AppName == t.AppName && sameNamespace(j.Template.NamespaceId, t.NamespaceId) {
			return j
		}
	}
	now := time.Now().UTC()
	cp := *t
	acc.jobs = append(acc.jobs, &Job{AppId: appID, RegionId: regionOf(t.NamespaceId), Template: &cp, Created: now})
	acc.orders[orderID] = &changeOrder{id: orderID, appID: appID, appName: t.AppName, outcome: s.coOutcome, created: now}
	return nil
}

// sameNamespace reports whether two NamespaceIds name one namespace: ""
// is the region's default namespace, whose ID is the region's.
func sameNamespace(a, b string) bool { return orDefault(a) == orDefault(b) }

// orDefault is a NamespaceId, or the default namespace's ID for "".
func orDefault(namespaceID string) string {
	if namespaceID == "" {
		return regionOf("")
	}
	return namespaceID
}

// Jobs returns the jobs the sandbox knows, seeded ones first.
func (s *Server) Jobs() []Job {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Job
	for _, j := range s.state().jobs {
		out = append(out, *j)
	}
	return out
}

// job finds a job by AppId.
func (s *Server) job(appID string) (Job, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, j := range s.state().jobs {
		if j.AppId == appID {
			return *j, true
		}
	}
	return Job{}, false
}

// regionOf is the region of a namespace ID ("cn-hangzhou:dev" or the
// region's default namespace "cn-hangzhou"); cn-hangzhou when there is none.
func regionOf(namespaceID string) string {
	r, _, _ := strings.Cut(namespaceID, ":")
	if r == "" {
		return Regions[0].RegionId
	}
	return r
}

// configMapName names a ConfigMap by ID, "" when unknown.
func configMapName(id int64) string {
	for _, c := range ConfigMaps {
		if c.ConfigMapId == id {
			return c.Name
		}
	}
	return ""
}
