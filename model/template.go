// Package model is the SAE CreateJob job template: its types, the catalogue
// of valid values, validation, the wire encoding, template files and the
// error-code catalogue. It imports no UI and no network code.
package model

import (
	"encoding/json"

	"go.yaml.in/yaml/v3"
)

// Template is one CreateJob job template. Field names are the API parameter
// names. Strings are unset when empty; integers and booleans are pointers so
// that an unset value is told apart from zero or false; list and object
// parameters are nil when unset.
type Template struct {
	AppName        string `json:"AppName,omitempty" yaml:"AppName,omitempty"`
	NamespaceId    string `json:"NamespaceId,omitempty" yaml:"NamespaceId,omitempty"`
	AppDescription string `json:"AppDescription,omitempty" yaml:"AppDescription,omitempty"`
	VpcId          string `json:"VpcId,omitempty" yaml:"VpcId,omitempty"`
	VSwitchId      string `json:"VSwitchId,omitempty" yaml:"VSwitchId,omitempty"`

	ProgrammingLanguage string `json:"ProgrammingLanguage,omitempty" yaml:"ProgrammingLanguage,omitempty"`
	PackageType         string `json:"PackageType,omitempty" yaml:"PackageType,omitempty"`
	PackageVersion      string `json:"PackageVersion,omitempty" yaml:"PackageVersion,omitempty"`
	PackageUrl          string `json:"PackageUrl,omitempty" yaml:"PackageUrl,omitempty"`
	ImageUrl            string `json:"ImageUrl,omitempty" yaml:"ImageUrl,omitempty"`
	Jdk                 string `json:"Jdk,omitempty" yaml:"Jdk,omitempty"`
	WebContainer        string `json:"WebContainer,omitempty" yaml:"WebContainer,omitempty"`

	Cpu      *int `json:"Cpu,omitempty" yaml:"Cpu,omitempty"`
	Memory   *int `json:"Memory,omitempty" yaml:"Memory,omitempty"`
	Replicas *int `json:"Replicas,omitempty" yaml:"Replicas,omitempty"`

	Command              string           `json:"Command,omitempty" yaml:"Command,omitempty"`
	CommandArgs          []string         `json:"CommandArgs,omitempty" yaml:"CommandArgs,omitempty"`
	Envs                 []Env            `json:"Envs,omitempty" yaml:"Envs,omitempty"`
	CustomHostAlias      []HostAlias      `json:"CustomHostAlias,omitempty" yaml:"CustomHostAlias,omitempty"`
	JarStartOptions      string           `json:"JarStartOptions,omitempty" yaml:"JarStartOptions,omitempty"`
	JarStartArgs         string           `json:"JarStartArgs,omitempty" yaml:"JarStartArgs,omitempty"`
	EdasContainerVersion string           `json:"EdasContainerVersion,omitempty" yaml:"EdasContainerVersion,omitempty"`
	Timezone             string           `json:"Timezone,omitempty" yaml:"Timezone,omitempty"`
	SlsConfigs           []SlsConfig      `json:"SlsConfigs,omitempty" yaml:"SlsConfigs,omitempty"`
	NasId                string           `json:"NasId,omitempty" yaml:"NasId,omitempty"`
	MountHost            string           `json:"MountHost,omitempty" yaml:"MountHost,omitempty"`
	MountDesc            []NasMount       `json:"MountDesc,omitempty" yaml:"MountDesc,omitempty"`
	PreStop              *Hook            `json:"PreStop,omitempty" yaml:"PreStop,omitempty"`
	PostStart            *Hook            `json:"PostStart,omitempty" yaml:"PostStart,omitempty"`
	WarStartOptions      string           `json:"WarStartOptions,omitempty" yaml:"WarStartOptions,omitempty"`
	ConfigMapMountDesc   []ConfigMapMount `json:"ConfigMapMountDesc,omitempty" yaml:"ConfigMapMountDesc,omitempty"`
	SecurityGroupId      string           `json:"SecurityGroupId,omitempty" yaml:"SecurityGroupId,omitempty"`
	AutoConfig           *bool            `json:"AutoConfig,omitempty" yaml:"AutoConfig,omitempty"`

	TerminationGracePeriodSeconds *int `json:"TerminationGracePeriodSeconds,omitempty" yaml:"TerminationGracePeriodSeconds,omitempty"`

	PhpConfigLocation string        `json:"PhpConfigLocation,omitempty" yaml:"PhpConfigLocation,omitempty"`
	PhpConfig         string        `json:"PhpConfig,omitempty" yaml:"PhpConfig,omitempty"`
	TomcatConfig      *TomcatConfig `json:"TomcatConfig,omitempty" yaml:"TomcatConfig,omitempty"`
	OssMountDescs     []OssMount    `json:"OssMountDescs,omitempty" yaml:"OssMountDescs,omitempty"`
	OssAkId           string        `json:"OssAkId,omitempty" yaml:"OssAkId,omitempty"`
	// OssAkSecret is the secret itself or an environment reference "${NAME}"
	// that is resolved at submit time (see ResolveSecrets).
	OssAkSecret      string `json:"OssAkSecret,omitempty" yaml:"OssAkSecret,omitempty"`
	AcrInstanceId    string `json:"AcrInstanceId,omitempty" yaml:"AcrInstanceId,omitempty"`
	AcrAssumeRoleArn string `json:"AcrAssumeRoleArn,omitempty" yaml:"AcrAssumeRoleArn,omitempty"`
	ImagePullSecrets string `json:"ImagePullSecrets,omitempty" yaml:"ImagePullSecrets,omitempty"`
	EnableImageAccl  *bool  `json:"EnableImageAccl,omitempty" yaml:"EnableImageAccl,omitempty"`

	// Workload is always "job"; empty means the default "job".
	Workload          string         `json:"Workload,omitempty" yaml:"Workload,omitempty"`
	TriggerConfig     *TriggerConfig `json:"TriggerConfig,omitempty" yaml:"TriggerConfig,omitempty"`
	ConcurrencyPolicy string         `json:"ConcurrencyPolicy,omitempty" yaml:"ConcurrencyPolicy,omitempty"`
	Timeout           *int           `json:"Timeout,omitempty" yaml:"Timeout,omitempty"`
	BackoffLimit      *int           `json:"BackoffLimit,omitempty" yaml:"BackoffLimit,omitempty"`
	Slice             *bool          `json:"Slice,omitempty" yaml:"Slice,omitempty"`
	// SliceEnvs holds one JSON scalar per shard ("0", "\"a\""), kept as
	// written so that numbers stay numbers on the wire.
	SliceEnvs      []json.RawMessage `json:"SliceEnvs,omitempty" yaml:"SliceEnvs,omitempty"`
	RefAppId       string            `json:"RefAppId,omitempty" yaml:"RefAppId,omitempty"`
	Python         string            `json:"Python,omitempty" yaml:"Python,omitempty"`
	PythonModules  string            `json:"PythonModules,omitempty" yaml:"PythonModules,omitempty"`
	NasConfigs     []NasConfig       `json:"NasConfigs,omitempty" yaml:"NasConfigs,omitempty"`
	BestEffortType string            `json:"BestEffortType,omitempty" yaml:"BestEffortType,omitempty"`

	// LoadProblems are what reading the file found but could read past:
	// unknown keys, wrong types, malformed JSON parameters. Validate reports
	// them with the rest, so every problem shows at once.
	LoadProblems Problems `json:"-" yaml:"-"`

	// Raw holds what the file wrote that the fields above cannot: the value
	// of a parameter that did not load (Cpu: lots, malformed JSON), keyed by
	// the parameter, and the value of a key that is no parameter (Replica),
	// keyed as written. A raw value is shown and edited as text, keeps its
	// problem, and is written back as it was; a set field wins over it.
	Raw map[string]*RawValue `json:"-" yaml:"-"`
}

// RawValue is a value of the file that the template cannot hold as typed.
type RawValue struct {
	// Text is the value as text: a scalar's own text, or the JSON text of a
	// structured value. It is what the wizard shows and edits.
	Text string
	// MovedTo names the parameter an unknown key's value was carried over to
	// (Replica to Replicas): saving writes that parameter in the key's place.
	MovedTo string
	// node is the value as the file wrote it; nil once the text is edited.
	node *yaml.Node
}

// Env is one environment variable: a plain value, or a reference to a
// ConfigMap key (or to all its keys). Both shapes SAE accepts are kept as
// written: the flat one the reference describes
// ({"name","valueFrom":"configMapRef","configMapId","key"}) and the nested one
// ({"name","valueFrom":{"configMapRef":{"configMapId","key"}}}).
type Env struct {
	Name  string
	Value *string
	// FromConfigMap is true when the variable references a ConfigMap.
	FromConfigMap bool
	ConfigMapId   *int64
	Key           *string
	// Nested records that the reference was written in the nested shape.
	Nested bool
}

// HostAlias maps a host name to an IP address inside the container.
type HostAlias struct {
	HostName string `json:"hostName"`
	IP       string `json:"ip"`
}

// SlsConfig is one log collection rule for Simple Log Service. Pointers keep
// an explicitly empty value ("logDir": "") apart from an absent one.
type SlsConfig struct {
	ProjectName  *string `json:"projectName,omitempty"`
	LogType      *string `json:"logType,omitempty"`
	LogDir       *string `json:"logDir,omitempty"`
	LogstoreName *string `json:"logstoreName,omitempty"`
	LogtailName  *string `json:"logtailName,omitempty"`
}

// NasMount is one MountDesc entry: a NAS path mounted in the container.
type NasMount struct {
	MountPath string `json:"mountPath"`
	NasPath   string `json:"nasPath"`
}

// NasConfig is one NasConfigs entry: a NAS file system mounted in the container.
type NasConfig struct {
	MountPath   string `json:"mountPath"`
	ReadOnly    *bool  `json:"readOnly,omitempty"`
	NasId       string `json:"nasId"`
	MountDomain string `json:"mountDomain"`
	NasPath     string `json:"nasPath"`
}

// OssMount is one OssMountDescs entry: an OSS bucket path mounted in the container.
type OssMount struct {
	BucketName string `json:"bucketName"`
	BucketPath string `json:"bucketPath"`
	MountPath  string `json:"mountPath"`
	ReadOnly   *bool  `json:"readOnly,omitempty"`
}

// ConfigMapMount is one ConfigMapMountDesc entry: a ConfigMap key (or all keys,
// "sae-sys-configmap-all") mounted at a path.
type ConfigMapMount struct {
	ConfigMapId int64  `json:"configMapId"`
	Key         string `json:"key"`
	MountPath   string `json:"mountPath"`
}

// Hook is a PreStop or PostStart hook: a command run in the container.
type Hook struct {
	Exec *ExecAction `json:"exec,omitempty"`
}

// ExecAction is the command of a hook.
type ExecAction struct {
	Command []string `json:"command"`
}

// TomcatConfig is the Tomcat configuration of a War job.
type TomcatConfig struct {
	Port                  *int    `json:"port,omitempty"`
	ContextPath           *string `json:"contextPath,omitempty"`
	MaxThreads            *int    `json:"maxThreads,omitempty"`
	UriEncoding           *string `json:"uriEncoding,omitempty"`
	UseBodyEncodingForUri *bool   `json:"useBodyEncodingForUri,omitempty"`
}

// TriggerConfig says what starts the job: a schedule (Type "time", Cron and
// Zone) or an HTTP request (Type "http", HTTP).
type TriggerConfig struct {
	Type string
	// Cron is the schedule of a "time" trigger, e.g. "0 1 */1 * ?".
	Cron string
	// Zone is the schedule's time zone as SAE writes it, e.g. "GMT+8:00".
	Zone string
	// HTTP is the rule of an "http" trigger.
	HTTP *HTTPTrigger
}

// HTTPTrigger is the config of an "http" trigger (EventBridge's
// SourceHttpEventParameters). Nil lists are unset; empty lists are kept.
type HTTPTrigger struct {
	Type           string   `json:"type"`
	Method         []string `json:"method,omitzero"`
	IP             []string `json:"ip,omitzero"`
	Referer        []string `json:"referer,omitzero"`
	SecurityConfig string   `json:"securityConfig,omitempty"`
}

// Trigger types.
const (
	TriggerTime = "time"
	TriggerHTTP = "http"
)

// Ptr returns a pointer to v: a shorthand for optional values.
func Ptr[T any](v T) *T { return &v }

// Deref returns *p, or the zero value when p is nil.
func Deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
