package model

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Code is one SAE error code of the CreateJob reference, with what it means
// in plain words, the parameters it points at and what to do.
type Code struct {
	Code       string   `json:"code"`
	HTTPStatus int      `json:"httpStatus"`
	Message    string   `json:"message"`
	Meaning    string   `json:"meaning"`
	Fields     []string `json:"fields,omitempty"`
	Fix        string   `json:"fix"`
}

// Codes lists every error code of the reference, in its order.
var Codes = []Code{
	{"Application.MissingJdk", 400, "Your application must at least contain a JDK component.",
		"The Java job has no JDK.", []string{"Jdk"},
		"Set Jdk to one of the supported JDKs, e.g. Open JDK 8."},
	{"InvalidPackageType.NotFound", 400, "The package type must be War, FatJar, or Image.",
		"PackageType is not a package type SAE knows, or not one available for the chosen language.", []string{"PackageType", "ProgrammingLanguage"},
		"Java: FatJar, War or Image; Python: PythonZip or Image; PHP: PhpZip or IMAGE_PHP_*. Check ProgrammingLanguage too."},
	{"InvalidParameter.FileName", 400, "The application deployment package name is invalid. This name can contain only alphanumeric characters, hyphens (-), and underscores (_). In addition, you can upload JAR files only if the selected deployment version supports JAR file. Otherwise, upload WAR files only.",
		"The package file that PackageUrl points to has a name SAE refuses, or the wrong kind of file for PackageType (a .war for FatJar, a .jar for War).", []string{"PackageUrl", "PackageType"},
		"Rename the file to letters, digits, hyphens and underscores, and make its extension match PackageType (.jar for FatJar, .war for War, .zip for PythonZip)."},
	{"InvalidParameter.NotEmpty", 400, "You must specify the parameter %s.",
		"A required parameter is missing; the message names it.", []string{"AppName", "PackageType", "Replicas"},
		"Set the parameter the message names. AppName, PackageType and Replicas are always required; PackageUrl and PackageVersion for FatJar, War and PythonZip; ImageUrl for Image."},
	{"InvalidParameter.Obviously", 400, "The specified parameter is invalid {%s}.",
		"A parameter has a value SAE does not accept; the message names it.", nil,
		"Fix the parameter named in the message; `saejob validate` says what each one accepts."},
	{"JarApplication.MissingJdk", 400, "A FatJar application must contain JDK.",
		"A FatJar job runs on a JDK, and none is set.", []string{"Jdk"},
		"Set Jdk, e.g. Open JDK 8 or Dragonwell 11."},
	{"NoAvailableCluster.NotFound", 400, "No clusters are available for the current region.",
		"SAE has no capacity for jobs in this region right now.", nil,
		"Try another region (--region), or try again later."},
	{"NoComputeResourceQuota.Exceed", 400, "Your compute resource is insufficient. Please contact us to raise the quota.",
		"Your account's compute quota is used up.", []string{"Replicas", "Cpu", "Memory"},
		"Lower Replicas, Cpu or Memory, free resources held by other applications, or ask Alibaba Cloud support to raise the quota."},
	{"PandoraApplication.MissingJdk", 400, "The Pandora application is missing a JDK component.",
		"A job on the HSF (Pandora) runtime has no JDK.", []string{"Jdk", "EdasContainerVersion"},
		"Set Jdk, or remove EdasContainerVersion if the job does not use HSF."},
	{"PandoraApplication.OnlyJdk", 400, "A Pandora application only requires JDK component.",
		"A FatJar job on the HSF (Pandora) runtime needs only a JDK, but also names a Tomcat.", []string{"WebContainer", "EdasContainerVersion"},
		"Remove WebContainer."},
	{"InvalidParameter.WithMessage", 400, "The parameter is invalid {%s}: %s",
		"A parameter is invalid; the message names it and says why.", nil,
		"Fix the parameter named in the message as it says; `saejob validate` checks the same rules before sending."},
	{"InvalidComponent.NotFound", 400, "The current component (such as JDK, Tomcat, or EDASWebContainer) does not exist.",
		"The JDK, Tomcat or HSF container version is not one SAE offers.", []string{"Jdk", "WebContainer", "EdasContainerVersion"},
		"Choose a listed version: Jdk such as Open JDK 8 or Dragonwell 11; WebContainer apache-tomcat-7.0.91 or apache-tomcat-8.5.42."},
	{"InvalidHostnameIp.Invalid", 400, "The hostname and/or IP is invalid: Hostname [%s], IP [%s].",
		"A host alias has an invalid host name or IP address.", []string{"CustomHostAlias"},
		"Give each host alias a host name (letters, digits, hyphens, dots) and a valid IP address."},
	{"InvalidInstanceSpecification.Unsupported", 400, "The instance specification is not supported: CPU [%s], memory [%s].",
		"Cpu and Memory are not a supported pair.", []string{"Memory", "Cpu"},
		specFix},
	{"InvalidServerlessRegion.Unsupported", 400, "The current region is not supported: %s",
		"SAE is not available in the region the request went to.", nil,
		"Use a region SAE serves, e.g. --region cn-hangzhou, cn-shanghai, cn-beijing or cn-shenzhen."},
	{"WarApplication.MissingJdkWebcontainer", 400, "A War application must contain JDK and Tomcat.",
		"A War job needs both a JDK and a Tomcat, and one is missing.", []string{"Jdk", "WebContainer"},
		"Set Jdk (e.g. Open JDK 8) and WebContainer (apache-tomcat-7.0.91 or apache-tomcat-8.5.42)."},
	{"InvalidNamespace.WithUppercase", 400, "This namespace does not support creating SAE apps because it contains uppercase letters.",
		"The namespace ID has uppercase letters, which SAE does not allow for jobs.", []string{"NamespaceId"},
		"Use a namespace whose ID is all lowercase, e.g. cn-beijing:test (create one if needed)."},
	{"LogService.ConfigQuotaExceed", 400, "The maximum number of Log Service configs is exceeded.",
		"Simple Log Service has no room for more Logtail configurations in this account.", []string{"SlsConfigs"},
		"Remove unused Logtail configurations in SLS, collect fewer logs, or ask for a higher quota."},
	{"LogService.InternalError", 400, "An exception occurred while calling Log Service. Please submit a ticket to solve the problem.",
		"SAE could not set up log collection because Simple Log Service failed.", []string{"SlsConfigs"},
		"Try again later; if it persists, submit a ticket, or create the job without SlsConfigs."},
	{"LogService.LogDirInvalid", 400, "The log collection path is invalid.",
		"A log config's logDir is not a valid absolute file path.", []string{"SlsConfigs"},
		"Give each file log an absolute logDir like /tmp/a.log, or set logType to stdout."},
	{"LogService.NotAvailable", 400, "Log Service is unavailable. Please activate Log Service first.",
		"Simple Log Service is not activated for this account.", []string{"SlsConfigs"},
		"Activate Simple Log Service in the console, or remove SlsConfigs."},
	{"LogService.ProjectNumQuotaExceed", 400, "The maximum number of Log Service projects is exceeded.",
		"The account has as many SLS projects as it may.", []string{"SlsConfigs"},
		"Send logs to an existing project of yours (projectName and logstoreName), delete unused projects, or ask for a higher quota."},
	{"vswitch.not.exist", 400, "The specified VSwitch does not exist.",
		"VSwitchId names no vSwitch in this region and VPC.", []string{"VSwitchId"},
		"Check VSwitchId in the VPC console (it belongs to VpcId), or leave it out to use the namespace's vSwitch."},
	{"user.indebt", 400, "The user has an outstanding payment.",
		"The Alibaba Cloud account has an overdue payment.", nil,
		"Settle the account's payments in the billing console, then submit again."},
	{"NoComputeResourceQuota.App.Exceed", 400, "You can create %s instances for each application. Please submit a ticket to raise the quota.",
		"Replicas is more than one job may run.", []string{"Replicas"},
		"Lower Replicas to the limit in the message, or submit a ticket to raise it."},
	{"NoComputeResourceQuota.User.Exceed", 400, "Your account is limited to create %s instances. Please submit a ticket to raise the quota.",
		"The account would have more instances than it may.", []string{"Replicas"},
		"Lower Replicas, stop other applications' instances, or submit a ticket to raise the limit."},
	{"System.Upgrading", 400, "The system is being upgraded. Please try again later.",
		"SAE is being upgraded and takes no changes now.", nil,
		"Wait a while and submit again; nothing was created."},
	{"VolumnPath.Conflict", 400, "Conflict between log collection directory and persistent storage directory.",
		"A log file to collect lies in a directory mounted from NAS.", []string{"SlsConfigs", "MountDesc", "NasConfigs"},
		"Collect logs from a directory that is not a NAS mountPath, or mount NAS elsewhere."},
	{"MountConflict.ConfigMap", 400, "Conflict detected for ConfigMap path %s.",
		"Two mounts use the same path in the container; the message names it.", []string{"ConfigMapMountDesc"},
		"Give each ConfigMap mount its own mountPath."},
	{"NotFound.ConfigMap", 400, "The ConfigMap object (ID: %s) does not exist.",
		"A ConfigMap ID in Envs or ConfigMapMountDesc names no ConfigMap in the namespace.", []string{"Envs", "ConfigMapMountDesc"},
		"Check the ID with ListNamespacedConfigMaps (or the console) and use a ConfigMap of the job's namespace."},
	{"NotFound.ConfigMapKey", 400, "The key %s of ConfigMap object (ID: %s) does not exist.",
		"The ConfigMap exists but has no such key.", []string{"Envs", "ConfigMapMountDesc"},
		"Use a key the ConfigMap has, or sae-sys-configmap-all to use every key."},
	{"Sls.Config.Mixed.Multi.Project", 400, "The specified Config contains multiple projects.",
		"The log configs send logs to more than one SLS project.", []string{"SlsConfigs"},
		"Use the same projectName in every log config, or none at all to let SAE create one."},
	{"Sls.Config.User.Defined.Missing.Logstore.Info", 400, "The specified Config is invalid. Both Project and Logstore must be specified.",
		"A log config names your own SLS project but no logstore.", []string{"SlsConfigs"},
		"Add logstoreName next to projectName, or remove projectName to let SAE create both."},
	{"Sls.Config.User.Defined.Missing.Project.Info", 400, "The specified Config is invalid. Both Project and Logstore must be specified.",
		"A log config names your own logstore but no SLS project.", []string{"SlsConfigs"},
		"Add projectName next to logstoreName, or remove logstoreName to let SAE create both."},
	{"Sls.Logstore.Name.Invalid", 400, "The specified name of Logstore is invalid. The Logstore name must not contain the prefix \"sae-\".",
		"The logstore name starts with sae-, which SAE keeps for itself.", []string{"SlsConfigs"},
		"Use a logstore whose name does not start with sae-."},
	{"Sls.Logstore.User.Defined.Not.Exist", 400, "The user defined Logstore does not exist.",
		"The logstore named in SlsConfigs does not exist in that project.", []string{"SlsConfigs"},
		"Create the logstore in SLS first, or fix logstoreName."},
	{"Sls.Project.Name.Invalid", 400, "The specified project name is invalid. The project name must not contain the prefix \"sae-\".",
		"The SLS project name starts with sae-: such projects are SAE's own and are deleted with the job.", []string{"SlsConfigs"},
		"Use a project of your own whose name does not start with sae-."},
	{"Sls.Project.User.Defined.Not.Exist", 400, "The user defined project does not exist.",
		"The SLS project named in SlsConfigs does not exist in this region.", []string{"SlsConfigs"},
		"Create the project in SLS (same region) first, or fix projectName."},
	{"InvalidImageUrl.AcrInstanceId.Domain.NotMatch", 400, "The specified domain of ImageUrl does not match AcrInstanceId domains.",
		"The image is not on a domain of the ACR Enterprise Edition instance named by AcrInstanceId.", []string{"ImageUrl", "AcrInstanceId"},
		"Use the image address on the instance's own domain (like name-registry.cn-hangzhou.cr.aliyuncs.com/ns/app:tag), or remove AcrInstanceId for other registries."},
	{"PhpApplication.MissingPhpRuntime", 400, "A PHP application must contain PHP Runtime.",
		"A PHP job has no PHP runtime: its PackageType is not a PHP one.", []string{"PackageType"},
		"Set PackageType to PhpZip or an IMAGE_PHP_* runtime such as IMAGE_PHP_7_3."},
	{"Associate.Eip.Not.Enough", 404, "No sufficient EIPs are available.",
		"SAE could not get an elastic IP address for the job.", nil,
		"Release unused EIPs or raise the EIP quota, then submit again."},
	{"InvalidNamespaceId.NotFound", 404, "The specified NamespaceId does not exist.",
		"NamespaceId names no SAE namespace in this region.", []string{"NamespaceId"},
		"Check the namespace in the SAE console (its region must match --region), create it, or use AutoConfig."},
	{"InvalidVpcId.NotFound", 404, "The specified VpcId does not exist.",
		"VpcId names no VPC in this region.", []string{"VpcId"},
		"Check VpcId in the VPC console for this region, or leave it out to use the namespace's VPC."},
	{"InvalidAcrInstanceId.NotFound", 404, "The specified AcrInstanceId does not exist.",
		"AcrInstanceId names no Container Registry Enterprise Edition instance in this region.", []string{"AcrInstanceId"},
		"Copy the instance ID (cri-...) from the Container Registry console, or remove it for images outside ACR Enterprise Edition."},
}

// GatewayCodes are errors of Alibaba Cloud's API gateway that any call can
// meet before SAE sees it: not in the CreateJob reference, so not listed
// with Codes, but explained all the same.
var GatewayCodes = []Code{
	{"SignatureDoesNotMatch", 400, "The request signature does not conform to Aliyun standards.",
		"The AccessKey secret does not belong to the AccessKey ID, or a proxy changed the request.", nil,
		"Check ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the profile's secret) for the key ID in use; `aliyun configure` sets them again."},
	{"InvalidAccessKeyId.NotFound", 404, "Specified access key is not found.",
		"The AccessKey ID does not exist (deleted, mistyped, or from another account).", nil,
		"Use an AccessKey ID of your account from the RAM console, in the environment or the aliyun CLI profile (--profile)."},
	{"InvalidAccessKeyId.Inactive", 400, "Specified access key is disabled.",
		"The AccessKey is disabled.", nil,
		"Enable the AccessKey in the RAM console, or use another one."},
	{"InvalidSecurityToken.Expired", 400, "Specified SecurityToken is expired.",
		"The STS token of these credentials has expired.", nil,
		"Get a fresh token (assume the role again, or `aliyun configure` for a new session) and submit again."},
	{"Forbidden.RAM", 403, "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
		"The RAM user or role lacks permission for sae:CreateJob.", nil,
		"Grant sae:CreateJob (for example the AliyunSAEFullAccess policy) to the RAM user or role, then submit again."},
	{"Forbidden.NoPermission", 403, "You are not authorized to perform this operation.",
		"The account or RAM identity may not call CreateJob.", nil,
		"Grant sae:CreateJob to the RAM user or role, or use an account that has it."},
	{"Throttling.User", 400, "Request was denied due to user flow control.",
		"Too many requests in a short time; nothing was created.", nil,
		"Wait a little and submit again."},
	{"Throttling", 400, "Request was denied due to flow control.",
		"The API is busy; nothing was created.", nil,
		"Wait a little and submit again."},
	{"InvalidTimeStamp.Expired", 400, "Specified time stamp or date value is expired.",
		"The request's time stamp is too far from the server's clock.", nil,
		"Set this machine's clock right (NTP) and submit again."},
}

// specFix is the fix for InvalidInstanceSpecification.Unsupported. It names
// no pair: the pair SAE refused may be one the table lists (a region need not
// offer every size), and the fix must never offer it back as a good one.
// ExplainMessage adds other pairs once it knows which pair was sent.
const specFix = "Choose another Cpu and Memory pair from SAE's table: `saejob validate` names the memory sizes that pair with your Cpu. A listed pair can still be refused where the region does not offer it; then try the next size."

// specInMessage is compiled on first use: start-up (the wizard's first
// frame) pays for no regexp it does not run.
var specInMessage = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)cpu\D{0,4}?(\d+)\D+?memory\D{0,4}?(\d+)`)
})

// ExplainMessage is Explain for an answer SAE gave: for a refused CPU and
// memory pair named in the message ("CPU [1000], memory [2048]"), the fix
// also lists supported pairs other than that one.
func ExplainMessage(code, message string) (Code, bool) {
	c, ok := Explain(code)
	if !ok || c.Code != CodeSpec {
		return c, ok
	}
	m := specInMessage().FindStringSubmatch(message)
	if m == nil {
		return c, true
	}
	cpu, err1 := strconv.Atoi(m[1])
	mem, err2 := strconv.Atoi(m[2])
	if err1 != nil || err2 != nil {
		return c, true
	}
	if alts := OtherSpecs(cpu, mem, 4); len(alts) > 0 {
		c.Fix += " Supported pairs other than " + fmt.Sprintf("%d/%d", cpu, mem) + ": " + strings.Join(alts, ", ") + " (millicores/MB)."
	}
	return c, true
}

// OtherSpecs returns up to n supported CPU/memory pairs ("1000/2048") other
// than cpu/memory, nearest first: the same Cpu or the same Memory, then the
// closest sizes.
func OtherSpecs(cpu, memory, n int) []string {
	type pair struct{ c, m, dist int }
	var pairs []pair
	for _, m := range Memories {
		for _, c := range memoryCPUs[m] {
			if c == cpu && m == memory {
				continue
			}
			d := relDist(c, cpu) + relDist(m, memory)
			if c == cpu || m == memory {
				d -= 1000 // a change of one size comes first
			}
			pairs = append(pairs, pair{c, m, d})
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].dist < pairs[j].dist })
	out := make([]string, 0, n)
	for _, p := range pairs[:min(n, len(pairs))] {
		out = append(out, fmt.Sprintf("%d/%d", p.c, p.m))
	}
	return out
}

// relDist is how far apart two sizes are, in steps of doubling (times 100).
func relDist(a, b int) int {
	if a <= 0 || b <= 0 {
		return 10000
	}
	return int(math.Abs(math.Log2(float64(a)/float64(b))) * 100)
}

var codeIndex = func() map[string]int {
	m := make(map[string]int, len(Codes))
	for i, c := range Codes {
		m[strings.ToLower(c.Code)] = i
	}
	return m
}()

// Explain returns the catalogue entry for an error code (case-insensitive):
// a code of the reference, or a gateway error any call can meet.
func Explain(code string) (Code, bool) {
	key := strings.ToLower(strings.TrimSpace(code))
	if i, ok := codeIndex[key]; ok {
		return Codes[i], true
	}
	for _, c := range GatewayCodes {
		if strings.ToLower(c.Code) == key {
			return c, true
		}
	}
	return Code{}, false
}

// CodeNames lists every catalogued code.
func CodeNames() []string {
	names := make([]string, len(Codes))
	for i, c := range Codes {
		names[i] = c.Code
	}
	return names
}
