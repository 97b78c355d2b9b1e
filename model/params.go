package model

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Kind is how a parameter's value is typed in a template file.
type Kind int

// Parameter kinds.
const (
	KindString Kind = iota // plain string
	KindInt                // integer
	KindBool               // boolean
	KindJSON               // JSON-encoded string on the wire, structured in files
)

// String names the kind as a template author would.
func (k Kind) String() string {
	switch k {
	case KindInt:
		return "integer"
	case KindBool:
		return "boolean"
	case KindJSON:
		return "JSON"
	}
	return "string"
}

// Param describes one CreateJob request parameter: everything saejob knows
// about it, so that the schema, the validator and the wizard's help all read
// the same facts.
type Param struct {
	Name     string
	Kind     Kind
	Required bool
	// InBody is true for the parameters the SDK sends in the form body rather
	// than the query string.
	InBody bool
	// Secret parameters are masked in previews and never saved in clear unless asked.
	Secret bool
	// Generic parameters are missing from the SDK (v1.25.6) and go through its generic call.
	Generic bool
	// Bits is the width of the API's integer type (32 or 64) of an integer parameter.
	Bits int
	// Min and Max bound an integer parameter where the reference does; unset,
	// the bound is the one of its integer type (Bits). See Range.
	Min, Max *int64
	// Unit is what an integer parameter counts, for messages ("seconds").
	Unit string
	// Values are a string parameter's valid values, from the catalogue.
	Values []string
	// Sizes are an integer parameter's valid values, from the catalogue.
	Sizes []int
	// MaxLen is the most characters a string parameter may hold (0: no limit).
	MaxLen int
	// Pattern is the regular expression a string parameter matches, for the schema.
	Pattern string
	// Default is the value sent when the template leaves the parameter unset.
	Default string
	// OwnRule marks Values checked by a rule of the validator's own, with the
	// reference's code for the parameter (PackageType, Jdk, WebContainer);
	// other Values are checked alike (validator.values).
	OwnRule bool
	// Shape is a JSON parameter's structure: list or mapping, its items and keys.
	Shape *Shape
	// For are the package types the parameter applies to (nil: every one).
	// Set on another package type, it is ignored by SAE: see Applies.
	For []string
	// Text marks free text SAE passes on as written (a command, an option, a
	// description): a hidden character in it gets a warning; in any other
	// string (names, IDs, URLs, paths) it is a problem.
	Text bool
	// Lines marks text that may span lines: newlines and tabs belong in it.
	Lines bool
	// Doc is a one-line description in the user's terms. In the table below,
	// {values} stands for the valid values, {range} for the integer range and
	// {needs} for the package types that need the parameter; Params fills them in.
	Doc string
	// Example is the reference's example value, as sent on the wire.
	Example string
}

// Params lists every CreateJob parameter in the reference's order.
var Params = describe([]Param{
	{Name: "AppName", Required: true, MaxLen: 36, Pattern: "^[A-Za-z][A-Za-z0-9-]*$", Doc: "Name of the job template: letters, digits and hyphens, starting with a letter, at most 36 characters.", Example: "test"},
	{Name: "NamespaceId", Doc: "SAE namespace: a region ID, or region:name with lowercase letters, digits and hyphens.", Example: "cn-beijing:test"},
	{Name: "AppDescription", MaxLen: 1024, Text: true, Lines: true, Doc: "Description of the job template, at most 1,024 characters.", Example: "This is a test description."},
	{Name: "VpcId", Doc: "VPC of the namespace; defaults to the VPC bound to the namespace.", Example: "vpc-bp1aevy8sofi8mh1q****"},
	{Name: "VSwitchId", Doc: "vSwitch for the job instances' network interface; defaults to the namespace's.", Example: "vsw-bp12mw1f8k3jgygk9****"},
	{Name: "PackageType", OwnRule: true, Required: true, Values: AllPackageTypes, Doc: "Deployment package type: {values}.", Example: "FatJar"},
	{Name: "PackageVersion", For: packageFileTypes, Doc: "Version of the deployment package; required for {needs}.", Example: "1.0.1"},
	{Name: "PackageUrl", For: packageFileTypes, Doc: "URL of the deployment package; required for {needs}.", Example: "http://myoss.oss-cn-hangzhou.aliyuncs.com/my-buc/2019-06-30/****.jar"},
	{Name: "ImageUrl", For: imageTypes, Doc: "Container image URL; required for {needs}.", Example: "registry.cn-hangzhou.aliyuncs.com/sae_test/ali_sae_test:0.0.1"},
	{Name: "Jdk", OwnRule: true, For: javaTypes, Values: JDKs, Doc: "JDK the package needs (Java FatJar and War only): {values}.", Example: "Open JDK 8"},
	{Name: "WebContainer", OwnRule: true, For: warTypes, Values: WebContainers, Doc: "Tomcat version the War package needs: {values}.", Example: "apache-tomcat-7.0.91"},
	{Name: "Cpu", Kind: KindInt, Bits: 32, Unit: "millicores", Sizes: CPUs, Doc: "CPU per instance in millicores: {values}.", Example: "1000"},
	{Name: "Memory", Kind: KindInt, Bits: 32, Unit: "MB", Sizes: Memories, Doc: "Memory per instance in MB, paired with Cpu: {values}.", Example: "1024"},
	{Name: "Replicas", Kind: KindInt, Required: true, Bits: 32, Min: Ptr[int64](1), Unit: "instances", Doc: "Number of concurrent task instances, {range}.", Example: "3"},
	{Name: "Command", Text: true, Doc: "Entrypoint command: an executable inside the container.", Example: "echo"},
	{Name: "CommandArgs", Kind: KindJSON, Shape: listOf(str("An argument of the command.")),
		Doc: "Arguments of the entrypoint command, a list of strings.", Example: `["a","b"]`},
	{Name: "Envs", Kind: KindJSON, Shape: listOf(envShape),
		Doc: "Environment variables: plain values or ConfigMap references.", Example: `[{"name":"envtmp","value":"0"}]`},
	{Name: "CustomHostAlias", Kind: KindJSON, Shape: listOf(object("A host name mapped to an IP address.",
		req("hostName", str("Domain name or host name.")),
		req("ip", str("IP address.")))),
		Doc: "Host aliases: host names mapped to IP addresses in the container.", Example: `[{"hostName":"samplehost","ip":"127.0.0.1"}]`},
	{Name: "JarStartOptions", For: fatJarTypes, Text: true, Doc: "JVM options placed before -jar when the FatJar starts.", Example: "custom-option"},
	{Name: "JarStartArgs", For: fatJarTypes, Text: true, Doc: "Arguments placed after the jar when the FatJar starts.", Example: "-Xms4G -Xmx4G"},
	{Name: "EdasContainerVersion", For: javaTypes, Doc: "Version of the HSF runtime environment (Ali-Tomcat).", Example: "3.5.3"},
	{Name: "Timezone", Doc: "Time zone of the container as an IANA name; default Asia/Shanghai.", Example: "Asia/Shanghai"},
	{Name: "SlsConfigs", Kind: KindJSON, Shape: listOf(object("A log collection rule.",
		opt("projectName", str("SLS project; leave out to let SAE create one.")),
		opt("logType", &Shape{Type: ShapeString, Doc: "stdout collects the container's standard output (one rule at most); leave out for a log file.", Examples: []string{LogTypeStdout}}),
		opt("logDir", str("Path of the log file; empty for stdout.")),
		opt("logstoreName", str("SLS Logstore.")),
		opt("logtailName", str("SLS Logtail; leave out to create one.")))),
		Doc: "Log collection to Simple Log Service: stdout and log files.", Example: `[{"logDir":"","logType":"stdout"},{"logDir":"/tmp/a.log"}]`},
	{Name: "NasId", Doc: "ID of the NAS file system.", Example: "10d3b4****"},
	{Name: "MountHost", Doc: "NAS mount target in the job's VPC.", Example: "10d3b4bc9****.com"},
	{Name: "MountDesc", Kind: KindJSON, Shape: listOf(object("A NAS mount.",
		opt("mountPath", str("Path in the container.")),
		opt("nasPath", str("Path in the NAS file system.")))),
		Doc: "NAS mounts: container path and NAS path.", Example: `[{"mountPath":"/tmp","nasPath":"/"}]`},
	{Name: "PreStop", Kind: KindJSON, Shape: hookShape,
		Doc: "Command run just before the container stops.", Example: `{"exec":{"command":["sh","-c","echo hello"]}}`},
	{Name: "PostStart", Kind: KindJSON, Shape: hookShape,
		Doc: "Command run just after the container starts.", Example: `{"exec":{"command":["sh","-c","echo hello"]}}`},
	{Name: "WarStartOptions", For: warTypes, Text: true, Doc: "Start command of a War deployment.", Example: `CATALINA_OPTS="$CATALINA_OPTS $Options" catalina.sh run`},
	{Name: "ConfigMapMountDesc", Kind: KindJSON, Shape: listOf(object("ConfigMap keys mounted as files.",
		opt("configMapId", configMapIDShape),
		opt("key", &Shape{Type: ShapeString, Doc: "Key to mount; sae-sys-configmap-all mounts every key.", Examples: []string{ConfigMapAllKeys}}),
		opt("mountPath", str("Path in the container.")))),
		InBody: true, Doc: "ConfigMap keys mounted as files in the container.", Example: `[{"configMapId":16,"key":"test","mountPath":"/tmp"}]`},
	{Name: "SecurityGroupId", Doc: "Security group of the job instances.", Example: "sg-wz969ngg2e49q5i4****"},
	{Name: "AutoConfig", Kind: KindBool, Doc: "Let SAE configure the network; NamespaceId, VpcId, VSwitchId and SecurityGroupId are then ignored.", Example: "false"},
	{Name: "TerminationGracePeriodSeconds", Kind: KindInt, Bits: 32, Min: Ptr[int64](1), Max: Ptr[int64](300), Unit: "seconds", Doc: "Graceful shutdown timeout in seconds, {range}; default 30.", Example: "10"},
	{Name: "PhpConfigLocation", For: phpTypes, Doc: "Path where the PHP configuration file is mounted.", Example: "/usr/local/etc/php/php.ini"},
	{Name: "PhpConfig", For: phpTypes, InBody: true, Text: true, Lines: true, Doc: "Content of the PHP configuration file.", Example: "k1=v1"},
	{Name: "TomcatConfig", For: warTypes, Kind: KindJSON, Shape: object("Tomcat settings.",
		opt("port", tomcatPortShape),
		opt("contextPath", str("Context path; default /.")),
		opt("maxThreads", integer("Maximum threads in the connection pool; default 400.")),
		opt("uriEncoding", &Shape{Type: ShapeString, Doc: "URI encoding; default ISO-8859-1.", Values: URIEncodings}),
		opt("useBodyEncodingForUri", boolean("Decode the URI with the request body's encoding; default true."))),
		Doc: "Tomcat settings: port, context path, threads, URI encoding.", Example: `{"port":8080,"contextPath":"/","maxThreads":400,"uriEncoding":"ISO-8859-1","useBodyEncodingForUri":true}`},
	{Name: "OssMountDescs", Kind: KindJSON, Shape: listOf(object("An OSS mount.",
		opt("bucketName", str("OSS bucket.")),
		opt("bucketPath", str("Directory or object in the bucket.")),
		opt("mountPath", str("Path in the container.")),
		opt("readOnly", boolean("Mount read-only.")))),
		InBody: true, Doc: "OSS bucket paths mounted in the container.", Example: `[{"bucketName":"oss-bucket","bucketPath":"data/user.data","mountPath":"/usr/data/user.data","readOnly":true}]`},
	{Name: "OssAkId", InBody: true, Doc: "AccessKey ID used to read and write OSS.", Example: "xxxxxx"},
	{Name: "OssAkSecret", InBody: true, Secret: true, Doc: "AccessKey secret used to read and write OSS; write ${ENV_VAR} to read it at submit time.", Example: "xxxxxx"},
	{Name: "AcrInstanceId", For: imageTypes, InBody: true, Doc: "Container Registry Enterprise Edition instance ID; required for images in such an instance.", Example: "cri-xxxxxx"},
	{Name: "AcrAssumeRoleArn", For: imageTypes, Doc: "ARN of the RAM role used to pull images across accounts.", Example: "acs:ram::123456789012****:role/adminrole"},
	{Name: "ImagePullSecrets", For: imageTypes, Doc: "ID of the secret used to pull the image.", Example: "10"},
	{Name: "EnableImageAccl", For: imageTypes, Kind: KindBool, InBody: true, Doc: "Enable image acceleration.", Example: "false"},
	{Name: "Workload", Required: true, Values: []string{"job"}, Default: "job", Doc: "Workload kind; always job (filled in for you).", Example: "job"},
	{Name: "TriggerConfig", Kind: KindJSON, Shape: &Shape{Type: ShapeObject,
		Doc: "A schedule (type time: config is a cron expression) or an HTTP request (type http: config is the HTTP rule).",
		Keys: []ShapeKey{
			req("type", &Shape{Type: ShapeString, Doc: "time or http.", Values: TriggerTypes}),
			req("config", &Shape{Type: ShapeAny, Doc: "Cron expression (time) or HTTP rule (http).", OneOf: []*Shape{
				{Type: ShapeString}, httpTriggerShape}}),
			opt("timezone", &Shape{Type: ShapeString, Doc: "Time zone of the schedule, e.g. GMT+8:00.", Examples: TriggerZones}),
		},
		Cases: []ShapeCase{
			{When: "type", Is: TriggerTime, Key: "config", Shape: &Shape{Type: ShapeString, Examples: cronExamples()}},
			// An http config may also be given as its JSON text.
			{When: "type", Is: TriggerHTTP, Key: "config", Shape: &Shape{Type: ShapeAny, OneOf: []*Shape{httpTriggerShape, {Type: ShapeString}}}},
		}},
		Doc: "What starts the job: a cron schedule (time) or an HTTP request (http).", Example: `{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}`},
	{Name: "ConcurrencyPolicy", Values: ConcurrencyPolicies, Doc: "What happens when a run is due while the last one runs: {values}.", Example: "Allow"},
	{Name: "Timeout", Kind: KindInt, Bits: 64, Min: Ptr[int64](1), Unit: "seconds", Doc: "Task timeout in seconds, {range}.", Example: "3600"},
	{Name: "BackoffLimit", Kind: KindInt, Bits: 64, Min: Ptr[int64](0), Unit: "retries", Doc: "Retries before a task is marked failed, {range}.", Example: "3"},
	{Name: "Slice", Kind: KindBool, Doc: "Enable task sharding.", Example: "true"},
	{Name: "SliceEnvs", Kind: KindJSON, Shape: listOf(&Shape{Type: ShapeScalar, Doc: "The parameter of one shard."}),
		Doc: "Shard parameters, one per shard.", Example: `[0,1,2]`},
	{Name: "RefAppId", Doc: "ID of the referenced job.", Example: "7171a6ca-d1cd-4928-8642-7d5cfe69****"},
	{Name: "ProgrammingLanguage", Values: Languages, Doc: "Programming language: {values}.", Example: "java"},
	{Name: "Python", For: pythonTypes, Values: PythonVersions, Doc: "Python environment: {values}.", Example: "PYTHON 3.9.15"},
	{Name: "PythonModules", For: pythonTypes, Text: true, Lines: true, Doc: "pip requirements to install; default: the project's requirements.txt.", Example: "Flask==2.0"},
	{Name: "NasConfigs", Kind: KindJSON, Shape: listOf(object("A NAS file system mount.",
		opt("mountPath", str("Path in the container.")),
		opt("readOnly", boolean("Mount read-only.")),
		opt("nasId", str("ID of the NAS file system.")),
		opt("mountDomain", str("Mount target of the NAS file system.")),
		opt("nasPath", str("Path in the NAS file system.")))),
		Generic: true, Doc: "NAS file systems mounted in the container.", Example: `[{"mountPath":"/test","readOnly":false,"nasId":"nasId1","mountDomain":"nasId1.cn-shenzhen.nas.aliyuncs.com","nasPath":"/test"}]`},
	{Name: "BestEffortType", Generic: true, Doc: "BestEffort policy.", Example: ""},
})

var paramIndex = func() map[string]int {
	m := make(map[string]int, len(Params))
	for i, p := range Params {
		m[p.Name] = i
	}
	return m
}()

// Lookup returns the parameter called name (exact spelling).
func Lookup(name string) (Param, bool) {
	i, ok := paramIndex[name]
	if !ok {
		return Param{}, false
	}
	return Params[i], true
}

// ParamNames lists every parameter name in the reference's order.
func ParamNames() []string {
	names := make([]string, len(Params))
	for i, p := range Params {
		names[i] = p.Name
	}
	return names
}

// Range returns the smallest and largest value an integer parameter takes:
// the reference's bounds where it gives them, else its integer type's.
func (p Param) Range() (lo, hi int64) {
	lo, hi = math.MinInt64, math.MaxInt64
	if p.Bits == 32 {
		lo, hi = math.MinInt32, math.MaxInt32
	}
	if p.Min != nil {
		lo = *p.Min
	}
	if p.Max != nil {
		hi = *p.Max
	}
	return lo, hi
}

// outOfRange says that the integer n (its decimal text, which may be past
// what int64 holds) is outside the parameter's range, with the bound.
func (p Param) outOfRange(n string) string {
	lo, hi := p.Range()
	switch {
	case p.Max != nil:
		return fmt.Sprintf("%s must be from %d to %d%s, not %s.", p.Name, lo, hi, strings.TrimRight(" "+p.Unit, " "), n)
	case strings.HasPrefix(n, "-"), belowInt(n, lo):
		return fmt.Sprintf("%s must be at least %d, not %s.", p.Name, lo, n)
	}
	return fmt.Sprintf("%s is %s, more than the API takes: at most %d (a %d-bit integer).", p.Name, n, hi, p.Bits)
}

// belowInt reports whether the decimal text n is a value below lo.
func belowInt(n string, lo int64) bool {
	v, err := strconv.ParseInt(n, 10, 64)
	return err == nil && v < lo
}

// rangeWords says an integer parameter's range as help text does: "from 1
// to 300", or "at least 1" when only its type bounds it above.
func (p Param) rangeWords() string {
	lo, hi := p.Range()
	switch {
	case p.Max == nil && lo == 0:
		return "0 or more"
	case p.Max == nil:
		return fmt.Sprintf("at least %d", lo)
	}
	return fmt.Sprintf("from %d to %d", lo, hi)
}

// describe fills each Doc's {values}, {range} and {needs} from the
// catalogue and the parameter's own bounds, so that no fact is written twice.
func describe(params []Param) []Param {
	for i := range params {
		p := &params[i]
		if p.Sizes != nil {
			p.Doc = strings.ReplaceAll(p.Doc, "{values}", listInts(p.Sizes))
		}
		p.Doc = strings.ReplaceAll(p.Doc, "{values}", list(shortValues(p.Values)))
		p.Doc = strings.ReplaceAll(p.Doc, "{range}", p.rangeWords())
		p.Doc = strings.ReplaceAll(p.Doc, "{needs}", listAnd(shortValues(packageTypesNeeding(p.Name))))
		p.Shape.fillDocs(map[*Shape]bool{})
	}
	return params
}

// shortValues writes the IMAGE_PHP_* runtimes as one item when all are there.
func shortValues(values []string) []string {
	n := 0
	for _, v := range values {
		if slices.Contains(PHPImageTypes, v) {
			n++
		}
	}
	if n < len(PHPImageTypes) {
		return values
	}
	out := make([]string, 0, len(values)-n+1)
	for _, v := range values {
		switch {
		case v == PHPImageTypes[0]:
			out = append(out, "IMAGE_PHP_*")
		case !slices.Contains(PHPImageTypes, v):
			out = append(out, v)
		}
	}
	return out
}

// paramField is a parameter with the index of its Template field, so that
// rules over every parameter of a kind need no reflection lookup by name.
type paramField struct {
	Param
	index int
}

// paramsOf lists the parameters of one kind with their field indexes.
func paramsOf(kind Kind) []paramField {
	typ := reflect.TypeFor[Template]()
	var out []paramField
	for _, p := range Params {
		if p.Kind != kind {
			continue
		}
		f, ok := typ.FieldByName(p.Name)
		if !ok {
			panic("model: no Template field for parameter " + p.Name) // static data: a test covers it
		}
		out = append(out, paramField{p, f.Index[0]})
	}
	return out
}

var (
	intParams    = paramsOf(KindInt)
	stringParams = paramsOf(KindString)
)
