package model

// The catalogue of valid values, from the CreateJob reference. Validation
// checks against it and the wizard offers exactly these choices.

import (
	"fmt"
	"slices"
	"strings"
)

// Languages are the valid ProgrammingLanguage values.
var Languages = []string{"java", "php", "python", "shell"}

// PHPImageTypes are the PHP runtime package types (image-based PHP).
var PHPImageTypes = []string{
	"IMAGE_PHP_5_4", "IMAGE_PHP_5_4_ALPINE",
	"IMAGE_PHP_5_5", "IMAGE_PHP_5_5_ALPINE",
	"IMAGE_PHP_5_6", "IMAGE_PHP_5_6_ALPINE",
	"IMAGE_PHP_7_0", "IMAGE_PHP_7_0_ALPINE",
	"IMAGE_PHP_7_1", "IMAGE_PHP_7_1_ALPINE",
	"IMAGE_PHP_7_2", "IMAGE_PHP_7_2_ALPINE",
	"IMAGE_PHP_7_3", "IMAGE_PHP_7_3_ALPINE",
}

// packageTypes maps each language to its valid package types.
var packageTypes = map[string][]string{
	"java":   {"FatJar", "War", "Image"},
	"php":    append([]string{"PhpZip"}, PHPImageTypes...),
	"python": {"PythonZip", "Image"},
	// The reference lists no package type for shell; a shell job runs a
	// command in a container image.
	"shell": {"Image"},
}

// PackageTypesFor returns the package types valid for a language; for an
// empty or unknown language, every package type.
func PackageTypesFor(language string) []string {
	if pts, ok := packageTypes[language]; ok {
		return pts
	}
	return AllPackageTypes
}

// AllPackageTypes lists every valid PackageType.
var AllPackageTypes = append([]string{"FatJar", "War", "Image", "PythonZip", "PhpZip"}, PHPImageTypes...)

// LanguageOf infers the language of a package type ("" when it could be several).
func LanguageOf(packageType string) string {
	switch {
	case packageType == "FatJar" || packageType == "War":
		return "java"
	case packageType == "PythonZip":
		return "python"
	case packageType == "PhpZip" || slices.Contains(PHPImageTypes, packageType):
		return "php"
	}
	return ""
}

// PackageNeeds names the parameters a package type needs: where its package
// comes from. FatJar, War and PythonZip need PackageUrl and PackageVersion,
// PhpZip needs PackageUrl, and Image and the IMAGE_PHP_* runtimes need ImageUrl.
func PackageNeeds(packageType string) []string {
	switch {
	case packageType == "FatJar" || packageType == "War" || packageType == "PythonZip":
		return []string{"PackageUrl", "PackageVersion"}
	case packageType == "PhpZip":
		return []string{"PackageUrl"}
	case packageType == "Image" || slices.Contains(PHPImageTypes, packageType):
		return []string{"ImageUrl"}
	}
	return nil
}

// packageTypesNeeding lists the package types that need a parameter (see PackageNeeds).
func packageTypesNeeding(param string) []string {
	var out []string
	for _, pt := range AllPackageTypes {
		if slices.Contains(PackageNeeds(pt), param) {
			out = append(out, pt)
		}
	}
	return out
}

// Package types by what they run, for the parameters that apply to them (Param.For).
var (
	javaTypes        = []string{"FatJar", "War"}
	fatJarTypes      = []string{"FatJar"}
	warTypes         = []string{"War"}
	pythonTypes      = []string{"PythonZip"}
	phpTypes         = append([]string{"PhpZip"}, PHPImageTypes...)
	imageTypes       = append([]string{"Image"}, PHPImageTypes...)
	packageFileTypes = []string{"FatJar", "War", "PythonZip", "PhpZip"}
)

// ForPackage reports whether parameter name applies to packageType: false
// for a parameter that only some package types use when packageType is
// none of them (or unset).
func ForPackage(name, packageType string) bool {
	p, ok := Lookup(name)
	return ok && (p.For == nil || slices.Contains(p.For, packageType))
}

// Applies reports whether parameter name applies to the template's package
// type, or when that is unset to some package type of its language. With
// neither chosen, or an unknown package type, every parameter may apply.
func Applies(t *Template, name string) bool {
	p, ok := Lookup(name)
	if !ok || p.For == nil {
		return ok
	}
	switch pt := t.PackageType; {
	case slices.Contains(AllPackageTypes, pt):
		return slices.Contains(p.For, pt)
	case pt != "":
		return true
	}
	lang, known := packageTypes[t.ProgrammingLanguage]
	if !known {
		return true
	}
	for _, pt := range lang {
		if slices.Contains(p.For, pt) {
			return true
		}
	}
	return false
}

// Inapplicable lists, in the reference's order, the parameters set on t
// that do not apply to its package type or language (see Applies): SAE
// ignores them, so a front-end clears them when the language or the
// package type changes.
func Inapplicable(t *Template) []string {
	var out []string
	for _, p := range Params {
		if p.For != nil && !Applies(t, p.Name) && (t.IsSet(p.Name) || t.raw(p.Name) != nil) {
			out = append(out, p.Name)
		}
	}
	return out
}

// JDKs are the valid Jdk values.
var JDKs = []string{
	"Open JDK 8", "Open JDK 7", "Dragonwell 11", "Dragonwell 8",
	"openjdk-8u191-jdk-alpine3.9", "openjdk-7u201-jdk-alpine3.9",
}

// WebContainers are the valid Tomcat versions (WebContainer).
var WebContainers = []string{"apache-tomcat-7.0.91", "apache-tomcat-8.5.42"}

// PythonVersions are the valid Python values.
var PythonVersions = []string{"PYTHON 3.9.15"}

// CPUs are the CPU sizes in millicores the CPU list names, in order; 12000
// also pairs with memory (see MemoriesFor).
var CPUs = []int{500, 1000, 2000, 4000, 8000, 12000, 16000, 32000}

// memoryCPUs is the reference's memory table: memory MB -> the CPUs it pairs
// with. 12000 millicores is named only here (for 12288 and 24576 MB), and
// those pairs are valid.
var memoryCPUs = map[int][]int{
	1024:   {500, 1000},
	2048:   {500, 1000, 2000},
	4096:   {1000, 2000, 4000},
	8192:   {2000, 4000, 8000},
	12288:  {12000},
	16384:  {4000, 8000, 16000},
	24576:  {12000},
	32768:  {16000},
	65536:  {8000, 16000, 32000},
	131072: {32000},
}

// Memories are every valid Memory size in MB, in order.
var Memories = []int{1024, 2048, 4096, 8192, 12288, 16384, 24576, 32768, 65536, 131072}

// MemoriesFor returns the memory sizes that pair with cpu, in order.
func MemoriesFor(cpu int) []int {
	var out []int
	for _, m := range Memories {
		if slices.Contains(memoryCPUs[m], cpu) {
			out = append(out, m)
		}
	}
	return out
}

// DefaultMemory is the memory the console pairs with cpu: the second size
// that pairs with it (2 GiB with 1 core), or the only one; 0 for a CPU size
// that pairs with none.
func DefaultMemory(cpu int) int {
	mems := MemoriesFor(cpu)
	switch len(mems) {
	case 0:
		return 0
	case 1:
		return mems[0]
	}
	return mems[1]
}

// CPUsFor returns the CPU sizes that pair with memory.
func CPUsFor(memory int) []int { return memoryCPUs[memory] }

// ValidSpec reports whether cpu and memory form a supported pair.
func ValidSpec(cpu, memory int) bool { return slices.Contains(memoryCPUs[memory], cpu) }

// ConcurrencyPolicies are the valid ConcurrencyPolicy values.
var ConcurrencyPolicies = []string{"Forbid", "Allow", "Replace"}

// TriggerTypes are the valid TriggerConfig types.
var TriggerTypes = []string{TriggerTime, TriggerHTTP}

// HTTPProtocols are the valid protocols of an HTTP trigger.
var HTTPProtocols = []string{"HTTPS", "HTTP", "HTTP&HTTPS"}

// HTTPMethods are the valid methods of an HTTP trigger.
var HTTPMethods = []string{"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"}

// HTTPSecurityModes are the valid securityConfig values of an HTTP trigger.
var HTTPSecurityModes = []string{"none", "ip", "referer"}

// URIEncodings are the valid Tomcat uriEncoding values.
var URIEncodings = []string{"UTF-8", "ISO-8859-1", "GBK", "GB2312"}

// LogTypeStdout is the SlsConfigs logType for the container's standard output.
const LogTypeStdout = "stdout"

// ConfigMapAllKeys is the key that mounts every key of a ConfigMap.
const ConfigMapAllKeys = "sae-sys-configmap-all"

// EnvConfigMapAllPrefix starts the name of a variable that imports every key of a ConfigMap.
const EnvConfigMapAllPrefix = "sae-sys-configmap-all-"

// CronPreset is a ready-made schedule the wizard offers.
type CronPreset struct {
	Name string
	Cron string
}

// CronPresets are common schedules in SAE's cron form.
var CronPresets = []CronPreset{
	{"Every hour, on the hour", "0 * * * ?"},
	{"Every day at 01:00", "0 1 */1 * ?"},
	{"Every day at midnight", "0 0 * * ?"},
	{"Every 15 minutes", "*/15 * * * ?"},
	{"Weekdays at 09:00", "0 9 ? * 1-5"},
	{"Every Monday at 08:00", "0 8 ? * 1"},
	{"First day of the month at 02:00", "0 2 1 * ?"},
}

// TriggerZones are common trigger time zones in SAE's form.
var TriggerZones = []string{
	"GMT+8:00", "GMT+0:00", "GMT+9:00", "GMT+7:00", "GMT+5:30", "GMT+3:00",
	"GMT+1:00", "GMT+2:00", "GMT-5:00", "GMT-8:00",
}

// Region is a region where SAE runs: its ID and its name.
type Region struct {
	ID   string
	Name string
}

// Regions are the regions SAE is known to serve (its endpoint list). SAE
// adds regions over time, so a region missing here gets a warning, not an error.
var Regions = []Region{
	{"cn-hangzhou", "China (Hangzhou)"},
	{"cn-shanghai", "China (Shanghai)"},
	{"cn-beijing", "China (Beijing)"},
	{"cn-zhangjiakou", "China (Zhangjiakou)"},
	{"cn-wulanchabu", "China (Ulanqab)"},
	{"cn-shenzhen", "China (Shenzhen)"},
	{"cn-heyuan", "China (Heyuan)"},
	{"cn-guangzhou", "China (Guangzhou)"},
	{"cn-chengdu", "China (Chengdu)"},
	{"cn-hongkong", "China (Hong Kong)"},
	{"ap-southeast-1", "Singapore"},
	{"ap-southeast-5", "Indonesia (Jakarta)"},
	{"ap-northeast-1", "Japan (Tokyo)"},
	{"eu-central-1", "Germany (Frankfurt)"},
	{"us-east-1", "US (Virginia)"},
	{"us-west-1", "US (Silicon Valley)"},
}

// RegionIDs lists the IDs of Regions.
func RegionIDs() []string {
	ids := make([]string, len(Regions))
	for i, r := range Regions {
		ids[i] = r.ID
	}
	return ids
}

// KnownRegion reports whether SAE is known to serve the region id.
func KnownRegion(id string) bool {
	for _, r := range Regions {
		if r.ID == id {
			return true
		}
	}
	return false
}

// RegionShaped reports whether id is shaped like an Alibaba Cloud region ID:
// a two-letter area, then lowercase words or numbers joined by hyphens
// (cn-hangzhou, ap-southeast-1, cn-shanghai-finance-1).
func RegionShaped(id string) bool {
	area, rest, ok := strings.Cut(id, "-")
	if !ok || len(area) != 2 || !allOf(area, isLower) || rest == "" || !isLower(rune(rest[0])) {
		return false
	}
	for word := range strings.SplitSeq(rest, "-") {
		if word == "" || !allOf(word, func(r rune) bool { return isLower(r) || isDigit(r) }) {
			return false
		}
	}
	return true
}

// NamespaceRegion returns the region of a NamespaceId ("cn-beijing" for
// "cn-beijing:test" and for the default namespace "cn-beijing"), or "" when
// the ID does not start with a region ID. A job is created in its
// namespace's region, so a submit to another region must not be sent.
func NamespaceRegion(id string) string {
	region, _, _ := strings.Cut(id, ":")
	if !RegionShaped(region) {
		return ""
	}
	return region
}

// RegionProblems checks the template's namespace against the region it is
// about to be sent to: a namespace of another region is a problem, and
// nothing may be sent. AutoConfig ignores NamespaceId, so it never conflicts.
func (t *Template) RegionProblems(region string) Problems {
	ns := NamespaceRegion(t.NamespaceId)
	if ns == "" || region == "" || ns == region || Deref(t.AutoConfig) {
		return nil
	}
	return Problems{{Field: "NamespaceId", Code: CodeWithMessage, Message: Visible(fmt.Sprintf(
		"NamespaceId %s is a namespace of %s, but the job would be sent to %s: send it to %s (--region %s), or use a namespace of %s.",
		t.NamespaceId, ns, region, ns, ns, region))}}
}
