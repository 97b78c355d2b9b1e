package model

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

// Param describes one CreateJob request parameter.
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
	// Doc is a one-line description in the user's terms.
	Doc string
	// Example is the reference's example value, as sent on the wire.
	Example string
}

// Params lists every CreateJob parameter in the reference's order.
var Params = []Param{
	{Name: "AppName", Required: true, Doc: "Name of the job template: letters, digits and hyphens, starting with a letter, at most 36 characters.", Example: "test"},
	{Name: "NamespaceId", Doc: "SAE namespace ID, e.g. cn-beijing:test (lowercase letters and hyphens after the region).", Example: "cn-beijing:test"},
	{Name: "AppDescription", Doc: "Description of the job template, at most 1,024 characters.", Example: "This is a test description."},
	{Name: "VpcId", Doc: "VPC of the namespace; defaults to the VPC bound to the namespace.", Example: "vpc-bp1aevy8sofi8mh1q****"},
	{Name: "VSwitchId", Doc: "vSwitch for the job instances' network interface; defaults to the namespace's.", Example: "vsw-bp12mw1f8k3jgygk9****"},
	{Name: "PackageType", Required: true, Doc: "Deployment package type: FatJar, War, Image, PhpZip, IMAGE_PHP_*, PythonZip.", Example: "FatJar"},
	{Name: "PackageVersion", Doc: "Version of the deployment package; required for FatJar, War and PythonZip.", Example: "1.0.1"},
	{Name: "PackageUrl", Doc: "URL of the deployment package; required for FatJar, War and PythonZip.", Example: "http://myoss.oss-cn-hangzhou.aliyuncs.com/my-buc/2019-06-30/****.jar"},
	{Name: "ImageUrl", Doc: "Container image URL; required for Image.", Example: "registry.cn-hangzhou.aliyuncs.com/sae_test/ali_sae_test:0.0.1"},
	{Name: "Jdk", Doc: "JDK the package needs (Java FatJar and War only).", Example: "Open JDK 8"},
	{Name: "WebContainer", Doc: "Tomcat version the War package needs.", Example: "apache-tomcat-7.0.91"},
	{Name: "Cpu", Kind: KindInt, Doc: "CPU per instance in millicores: 500, 1000, 2000, 4000, 8000, 16000 or 32000.", Example: "1000"},
	{Name: "Memory", Kind: KindInt, Doc: "Memory per instance in MB; must pair with Cpu.", Example: "1024"},
	{Name: "Replicas", Kind: KindInt, Required: true, Doc: "Number of concurrent task instances.", Example: "3"},
	{Name: "Command", Doc: "Entrypoint command: an executable inside the container.", Example: "echo"},
	{Name: "CommandArgs", Kind: KindJSON, Doc: "Arguments of the entrypoint command, a list of strings.", Example: `["a","b"]`},
	{Name: "Envs", Kind: KindJSON, Doc: "Environment variables: plain values or ConfigMap references.", Example: `[{"name":"envtmp","value":"0"}]`},
	{Name: "CustomHostAlias", Kind: KindJSON, Doc: "Host aliases: host names mapped to IP addresses in the container.", Example: `[{"hostName":"samplehost","ip":"127.0.0.1"}]`},
	{Name: "JarStartOptions", Doc: "JVM options placed before -jar when the FatJar starts.", Example: "custom-option"},
	{Name: "JarStartArgs", Doc: "Arguments placed after the jar when the FatJar starts.", Example: "-Xms4G -Xmx4G"},
	{Name: "EdasContainerVersion", Doc: "Version of the HSF runtime environment (Ali-Tomcat).", Example: "3.5.3"},
	{Name: "Timezone", Doc: "Time zone of the container as an IANA name; default Asia/Shanghai.", Example: "Asia/Shanghai"},
	{Name: "SlsConfigs", Kind: KindJSON, Doc: "Log collection to Simple Log Service: stdout and log files.", Example: `[{"logDir":"","logType":"stdout"},{"logDir":"/tmp/a.log"}]`},
	{Name: "NasId", Doc: "ID of the NAS file system.", Example: "10d3b4****"},
	{Name: "MountHost", Doc: "NAS mount target in the job's VPC.", Example: "10d3b4bc9****.com"},
	{Name: "MountDesc", Kind: KindJSON, Doc: "NAS mounts: container path and NAS path.", Example: `[{"mountPath":"/tmp","nasPath":"/"}]`},
	{Name: "PreStop", Kind: KindJSON, Doc: "Command run just before the container stops.", Example: `{"exec":{"command":["sh","-c","echo hello"]}}`},
	{Name: "PostStart", Kind: KindJSON, Doc: "Command run just after the container starts.", Example: `{"exec":{"command":["sh","-c","echo hello"]}}`},
	{Name: "WarStartOptions", Doc: "Start command of a War deployment.", Example: `CATALINA_OPTS="$CATALINA_OPTS $Options" catalina.sh run`},
	{Name: "ConfigMapMountDesc", Kind: KindJSON, InBody: true, Doc: "ConfigMap keys mounted as files in the container.", Example: `[{"configMapId":16,"key":"test","mountPath":"/tmp"}]`},
	{Name: "SecurityGroupId", Doc: "Security group of the job instances.", Example: "sg-wz969ngg2e49q5i4****"},
	{Name: "AutoConfig", Kind: KindBool, Doc: "Let SAE configure the network; NamespaceId, VpcId, VSwitchId and SecurityGroupId are then ignored.", Example: "false"},
	{Name: "TerminationGracePeriodSeconds", Kind: KindInt, Doc: "Graceful shutdown timeout in seconds, 1 to 300; default 30.", Example: "10"},
	{Name: "PhpConfigLocation", Doc: "Path where the PHP configuration file is mounted.", Example: "/usr/local/etc/php/php.ini"},
	{Name: "PhpConfig", InBody: true, Doc: "Content of the PHP configuration file.", Example: "k1=v1"},
	{Name: "TomcatConfig", Kind: KindJSON, Doc: "Tomcat settings: port, context path, threads, URI encoding.", Example: `{"port":8080,"contextPath":"/","maxThreads":400,"uriEncoding":"ISO-8859-1","useBodyEncodingForUri":true}`},
	{Name: "OssMountDescs", Kind: KindJSON, InBody: true, Doc: "OSS bucket paths mounted in the container.", Example: `[{"bucketName":"oss-bucket","bucketPath":"data/user.data","mountPath":"/usr/data/user.data","readOnly":true}]`},
	{Name: "OssAkId", InBody: true, Doc: "AccessKey ID used to read and write OSS.", Example: "xxxxxx"},
	{Name: "OssAkSecret", InBody: true, Secret: true, Doc: "AccessKey secret used to read and write OSS; write ${ENV_VAR} to read it at submit time.", Example: "xxxxxx"},
	{Name: "AcrInstanceId", InBody: true, Doc: "Container Registry Enterprise Edition instance ID; required for images in such an instance.", Example: "cri-xxxxxx"},
	{Name: "AcrAssumeRoleArn", Doc: "ARN of the RAM role used to pull images across accounts.", Example: "acs:ram::123456789012****:role/adminrole"},
	{Name: "ImagePullSecrets", Doc: "ID of the secret used to pull the image.", Example: "10"},
	{Name: "EnableImageAccl", Kind: KindBool, InBody: true, Doc: "Enable image acceleration.", Example: "false"},
	{Name: "Workload", Required: true, Doc: "Workload kind; always job (filled in for you).", Example: "job"},
	{Name: "TriggerConfig", Kind: KindJSON, Doc: "What starts the job: a cron schedule (time) or an HTTP request (http).", Example: `{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}`},
	{Name: "ConcurrencyPolicy", Doc: "What happens when a run is due while the last one runs: Forbid, Allow or Replace.", Example: "Allow"},
	{Name: "Timeout", Kind: KindInt, Doc: "Task timeout in seconds.", Example: "3600"},
	{Name: "BackoffLimit", Kind: KindInt, Doc: "Retries before a task is marked failed.", Example: "3"},
	{Name: "Slice", Kind: KindBool, Doc: "Enable task sharding.", Example: "true"},
	{Name: "SliceEnvs", Kind: KindJSON, Doc: "Shard parameters, one per shard.", Example: `[0,1,2]`},
	{Name: "RefAppId", Doc: "ID of the referenced job.", Example: "7171a6ca-d1cd-4928-8642-7d5cfe69****"},
	{Name: "ProgrammingLanguage", Doc: "Programming language: java, php, python or shell.", Example: "java"},
	{Name: "Python", Doc: "Python environment: PYTHON 3.9.15.", Example: "PYTHON 3.9.15"},
	{Name: "PythonModules", Doc: "pip requirements to install; default: the project's requirements.txt.", Example: "Flask==2.0"},
	{Name: "NasConfigs", Kind: KindJSON, Generic: true, Doc: "NAS file systems mounted in the container.", Example: `[{"mountPath":"/test","readOnly":false,"nasId":"nasId1","mountDomain":"nasId1.cn-shenzhen.nas.aliyuncs.com","nasPath":"/test"}]`},
	{Name: "BestEffortType", Generic: true, Doc: "BestEffort policy.", Example: ""},
}

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
