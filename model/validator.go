package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/url"
	"path"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error codes of the reference used by validation.
const (
	CodeNotEmpty        = "InvalidParameter.NotEmpty"
	CodeObviously       = "InvalidParameter.Obviously"
	CodeWithMessage     = "InvalidParameter.WithMessage"
	CodeFileName        = "InvalidParameter.FileName"
	CodeSpec            = "InvalidInstanceSpecification.Unsupported"
	CodePackageType     = "InvalidPackageType.NotFound"
	CodeComponent       = "InvalidComponent.NotFound"
	CodeJarMissingJdk   = "JarApplication.MissingJdk"
	CodeWarMissing      = "WarApplication.MissingJdkWebcontainer"
	CodePandoraOnlyJdk  = "PandoraApplication.OnlyJdk"
	CodePhpRuntime      = "PhpApplication.MissingPhpRuntime"
	CodeNamespaceUpper  = "InvalidNamespace.WithUppercase"
	CodeHostnameIP      = "InvalidHostnameIp.Invalid"
	CodeLogDir          = "LogService.LogDirInvalid"
	CodeVolumePath      = "VolumnPath.Conflict"
	CodeMountConfigMap  = "MountConflict.ConfigMap"
	CodeSlsMultiProject = "Sls.Config.Mixed.Multi.Project"
	CodeSlsNoLogstore   = "Sls.Config.User.Defined.Missing.Logstore.Info"
	CodeSlsNoProject    = "Sls.Config.User.Defined.Missing.Project.Info"
	CodeSlsLogstoreName = "Sls.Logstore.Name.Invalid"
	CodeSlsProjectName  = "Sls.Project.Name.Invalid"
	CodeAcrDomain       = "InvalidImageUrl.AcrInstanceId.Domain.NotMatch"
)

var (
	maxAppNameLen        = paramMaxLen("AppName")
	maxDescriptionLength = paramMaxLen("AppDescription")
)

func paramMaxLen(name string) int {
	p, _ := Lookup(name)
	return p.MaxLen
}

// validator collects the problems of one template.
type validator struct {
	t        *Template
	problems Problems
	lang     string // the language, given or inferred from the package type
	// hiddenAt holds the fields already refused for a hidden character: no
	// other rule speaks about them, as the value is not what it looks like.
	hiddenAt map[string]bool
}

// add records an error. Messages go through Visible, so that a value quoted
// in one never shows raw control characters.
func (v *validator) add(field Path, code, format string, a ...any) {
	v.report(field, Error, code, format, a...)
}

func (v *validator) warn(field Path, format string, a ...any) {
	v.report(field, Warning, CodeWithMessage, format, a...)
}

func (v *validator) report(field Path, sev Severity, code, format string, a ...any) {
	if v.hiddenAt != nil && v.hiddenAt[field.String()] {
		return
	}
	v.problems = append(v.problems, NewProblem(field, sev, code, Visible(fmt.Sprintf(format, a...))))
}

func (v *validator) run() {
	t := v.t
	v.lang = t.ProgrammingLanguage
	if v.lang == "" {
		v.lang = LanguageOf(t.PackageType)
	}
	v.hiddenChars()
	v.values()
	v.basics()
	v.network()
	v.packageAndRuntime()
	v.resources()
	v.command()
	v.logs()
	v.mounts()
	v.trigger()
	v.job()
	v.secretRefs()
}

func (v *validator) basics() {
	t := v.t
	switch name := t.AppName; {
	case name == "":
		v.add(At("AppName"), CodeNotEmpty, "AppName is required: name the job template (letters, digits and hyphens, starting with a letter).")
	case utf8.RuneCountInString(name) > maxAppNameLen:
		v.add(At("AppName"), CodeWithMessage, "AppName is %d characters long; shorten it to at most %d.", utf8.RuneCountInString(name), maxAppNameLen)
	case !isLetter(name[0]):
		v.add(At("AppName"), CodeWithMessage, "AppName must start with a letter; %q starts with %q.", name, name[:1])
	case !allOf(name, func(r rune) bool { return isLetterRune(r) || isDigit(r) || r == '-' }):
		v.add(At("AppName"), CodeWithMessage, "AppName may contain only letters, digits and hyphens; remove %q.", firstBad(name, func(r rune) bool { return isLetterRune(r) || isDigit(r) || r == '-' }))
	}
	if n := utf8.RuneCountInString(t.AppDescription); n > maxDescriptionLength {
		v.add(At("AppDescription"), CodeWithMessage, "AppDescription is %d characters long; shorten it to at most %d.", n, maxDescriptionLength)
	}
}

func (v *validator) network() {
	t := v.t
	if ns := t.NamespaceId; ns != "" {
		v.namespace(ns)
	}
	if Deref(t.AutoConfig) {
		for _, f := range []string{"NamespaceId", "VpcId", "VSwitchId", "SecurityGroupId"} {
			if t.IsSet(f) {
				v.warn(At(f), "%s is ignored because AutoConfig is true: SAE configures the network itself. Remove it, or set AutoConfig to false.", f)
			}
		}
	}
}

// namespace checks a NamespaceId: REGION (the region's default namespace) or
// REGION:name, the name in lowercase letters, digits and hyphens, starting
// with a letter.
func (v *validator) namespace(ns string) {
	region, name, named := strings.Cut(ns, ":")
	nameOK := func(r rune) bool { return isLower(r) || isDigit(r) || r == '-' }
	switch {
	case strings.ToLower(ns) != ns:
		v.add(At("NamespaceId"), CodeNamespaceUpper, "NamespaceId %q contains uppercase letters; SAE namespaces are lowercase (e.g. cn-beijing:test).", ns)
	case !RegionShaped(region) && !named:
		v.add(At("NamespaceId"), CodeObviously, "NamespaceId %q does not start with a region ID: write the region for its default namespace (like cn-hangzhou) or region:name (like cn-hangzhou:%s).", ns, exampleName(ns))
	case !RegionShaped(region):
		v.add(At("NamespaceId"), CodeObviously, "NamespaceId %q must start with a region ID like cn-hangzhou, not %q; write it like %s:%s.", ns, region, regionLike(region), exampleName(name))
	case named && name == "":
		v.add(At("NamespaceId"), CodeObviously, "NamespaceId %q has no namespace name after the colon; write %s for the default namespace, or %s:name.", ns, region, region)
	case named && !isLower(rune(name[0])):
		v.add(At("NamespaceId"), CodeObviously, "The namespace name in %q must start with a lowercase letter (e.g. cn-beijing:test).", ns)
	case named && !allOf(name, nameOK):
		v.add(At("NamespaceId"), CodeObviously, "The namespace name in %q may contain only lowercase letters, digits and hyphens (e.g. cn-beijing:test2); remove %q.", ns, firstBad(name, nameOK))
	case !KnownRegion(region):
		msg := fmt.Sprintf("NamespaceId %q is in region %s, where SAE is not known to run", ns, region)
		if s := Suggest(region, RegionIDs()); s != "" {
			msg += fmt.Sprintf(": did you mean %s?", s)
		} else {
			msg += fmt.Sprintf(" (it runs in %s); check the region ID.", list(RegionIDs()))
		}
		v.warn(At("NamespaceId"), "%s", msg)
	}
}

// regionLike returns the known region a malformed one most likely means
// ("hangzhou" -> cn-hangzhou), else cn-hangzhou as an example.
func regionLike(s string) string {
	for _, r := range Regions {
		if _, place, _ := strings.Cut(r.ID, "-"); place == s {
			return r.ID
		}
	}
	if r := Suggest(s, RegionIDs()); r != "" {
		return r
	}
	return "cn-hangzhou"
}

// exampleName returns s when it would do as a namespace name, else "test".
func exampleName(s string) string {
	if s != "" && isLower(rune(s[0])) && allOf(s, func(r rune) bool { return isLower(r) || isDigit(r) || r == '-' }) {
		return s
	}
	return "test"
}

// packageAndRuntime checks the package type against the language and each
// runtime field against the package type.
func (v *validator) packageAndRuntime() {
	t := v.t
	pt := t.PackageType
	known := slices.Contains(AllPackageTypes, pt)
	switch {
	case pt == "" && slices.Contains(Languages, t.ProgrammingLanguage):
		v.add(At("PackageType"), CodeNotEmpty, "PackageType is required: choose one of %s.", list(PackageTypesFor(t.ProgrammingLanguage)))
	case pt == "":
		v.add(At("PackageType"), CodeNotEmpty, "PackageType is required: FatJar or War (Java), PythonZip (Python), PhpZip or an IMAGE_PHP_* runtime (PHP), or Image.")
	case !known:
		msg := fmt.Sprintf("PackageType %q does not exist; use one of %s.", pt, list(PackageTypesFor(t.ProgrammingLanguage)))
		if s := Suggest(pt, AllPackageTypes); s != "" {
			msg = fmt.Sprintf("PackageType %q does not exist; did you mean %q?", pt, s)
		}
		v.add(At("PackageType"), CodePackageType, "%s", msg)
	case slices.Contains(Languages, t.ProgrammingLanguage) && !slices.Contains(PackageTypesFor(t.ProgrammingLanguage), pt):
		if t.ProgrammingLanguage == "php" {
			v.add(At("PackageType"), CodePhpRuntime, "A PHP job needs a PHP runtime: set PackageType to PhpZip or one of the IMAGE_PHP_* types, not %q.", pt)
		} else {
			v.add(At("PackageType"), CodePackageType, "PackageType %q is not available for %s; use one of %s.", pt, t.ProgrammingLanguage, list(PackageTypesFor(t.ProgrammingLanguage)))
		}
	}
	isJava := pt == "FatJar" || pt == "War"
	isImage := pt == "Image"

	// Package source.
	for _, need := range PackageNeeds(pt) {
		switch {
		case need == "PackageUrl" && t.PackageUrl == "":
			v.add(At("PackageUrl"), CodeNotEmpty, "PackageUrl is required for %s package: give the URL of the %s.", withArticle(pt), packageNoun(pt))
		case need == "PackageVersion" && t.PackageVersion == "":
			v.add(At("PackageVersion"), CodeNotEmpty, "PackageVersion is required for %s package, e.g. 1.0.0.", withArticle(pt))
		case need == "ImageUrl" && t.ImageUrl == "" && isImage:
			v.add(At("ImageUrl"), CodeNotEmpty, "ImageUrl is required for an Image job, e.g. registry.cn-hangzhou.aliyuncs.com/ns/app:1.0.")
		case need == "ImageUrl" && t.ImageUrl == "":
			v.add(At("ImageUrl"), CodeNotEmpty, "ImageUrl is required for %s job: give the image of the PHP application, e.g. registry.cn-hangzhou.aliyuncs.com/ns/php-app:1.0.", withArticle(pt))
		}
	}
	if t.PackageUrl != "" {
		v.packageURL(pt)
		if isImage {
			v.warn(At("PackageUrl"), "PackageUrl is ignored for an Image job; the image is the package.")
		}
	}
	if t.ImageUrl != "" {
		v.imageURL()
		if isJava || pt == "PythonZip" || pt == "PhpZip" {
			v.warn(At("ImageUrl"), "ImageUrl is ignored for %s package; use PackageUrl, or set PackageType to Image.", withArticle(pt))
		}
	}
	v.acrDomain()
	if t.AcrAssumeRoleArn != "" && !validRoleArn(t.AcrAssumeRoleArn) {
		v.add(At("AcrAssumeRoleArn"), CodeWithMessage, "AcrAssumeRoleArn %q is not a RAM role ARN; write it like acs:ram::123456789012:role/adminrole.", t.AcrAssumeRoleArn)
	}

	// JDK and Tomcat.
	if t.Jdk != "" {
		switch {
		case isImage:
			v.add(At("Jdk"), CodeObviously, "Jdk is not supported for an Image job: the image brings its own JDK. Remove Jdk.")
		case pt != "" && known && !isJava:
			v.add(At("Jdk"), CodeObviously, "Jdk applies only to Java FatJar and War packages; remove it from this %s job.", pt)
		case !slices.Contains(JDKs, t.Jdk):
			v.add(At("Jdk"), CodeComponent, "Jdk %q does not exist; use one of %s.", t.Jdk, list(JDKs))
		}
	}
	if t.WebContainer != "" {
		switch {
		case isImage:
			v.add(At("WebContainer"), CodeObviously, "WebContainer is not supported for an Image job: the image brings its own Tomcat. Remove WebContainer.")
		case pt == "FatJar" && t.EdasContainerVersion != "":
			v.add(At("WebContainer"), CodePandoraOnlyJdk, "A FatJar job with EdasContainerVersion (Pandora) needs only a JDK; remove WebContainer.")
		case pt != "" && known && !isJava:
			v.add(At("WebContainer"), CodeObviously, "WebContainer applies only to Java War packages; remove it from this %s job.", pt)
		case !slices.Contains(WebContainers, t.WebContainer):
			v.add(At("WebContainer"), CodeComponent, "WebContainer %q does not exist; use one of %s.", t.WebContainer, list(WebContainers))
		case pt == "FatJar":
			v.warn(At("WebContainer"), "WebContainer is ignored for a FatJar package, which runs without Tomcat.")
		}
	}
	if pt == "FatJar" && t.Jdk == "" {
		v.add(At("Jdk"), CodeJarMissingJdk, "A FatJar job needs a JDK: set Jdk to one of %s.", list(JDKs))
	}
	if pt == "War" {
		if t.Jdk == "" {
			v.add(At("Jdk"), CodeWarMissing, "A War job needs a JDK and a Tomcat: set Jdk to one of %s.", list(JDKs))
		}
		if t.WebContainer == "" {
			v.add(At("WebContainer"), CodeWarMissing, "A War job needs a JDK and a Tomcat: set WebContainer to one of %s.", list(WebContainers))
		}
	}
	if t.EdasContainerVersion != "" && known && !isJava {
		v.add(At("EdasContainerVersion"), CodeObviously, "EdasContainerVersion (the HSF runtime) applies only to Java FatJar and War packages; remove it.")
	}
	if pt != "" && pt != "FatJar" {
		for _, f := range []string{"JarStartOptions", "JarStartArgs"} {
			if t.IsSet(f) {
				v.warn(At(f), "%s is used only by FatJar packages; it is ignored for %s.", f, pt)
			}
		}
	}
	if t.WarStartOptions != "" && pt != "" && pt != "War" {
		v.warn(At("WarStartOptions"), "WarStartOptions is used only by War packages; it is ignored for %s.", pt)
	}
	if t.TomcatConfig != nil {
		v.tomcat()
	}

	// PHP and Python.
	if t.PhpConfigLocation != "" && !strings.HasPrefix(t.PhpConfigLocation, "/") {
		v.add(At("PhpConfigLocation"), CodeWithMessage, "PhpConfigLocation must be an absolute path in the container, like /usr/local/etc/php/php.ini.")
	}
	if (t.PhpConfig != "" || t.PhpConfigLocation != "") && v.lang != "" && v.lang != "php" {
		v.warn(At("PhpConfig"), "PhpConfig and PhpConfigLocation apply only to PHP jobs; they are ignored here.")
	}
	if t.PhpConfig != "" && t.PhpConfigLocation == "" && v.lang == "php" {
		v.warn(At("PhpConfigLocation"), "PhpConfig is set but PhpConfigLocation is not: say where the file goes, e.g. /usr/local/etc/php/php.ini.")
	}
	if t.Python != "" && slices.Contains(PythonVersions, t.Python) && v.lang != "" && v.lang != "python" {
		v.warn(At("Python"), "Python applies only to Python jobs; it is ignored for %s.", v.lang)
	}
	if t.PythonModules != "" && v.lang != "" && v.lang != "python" {
		v.warn(At("PythonModules"), "PythonModules applies only to Python jobs; it is ignored for %s.", v.lang)
	}
}

func packageNoun(pt string) string {
	switch pt {
	case "War":
		return ".war file"
	case "PythonZip", "PhpZip":
		return ".zip file"
	}
	return ".jar file"
}

// packageURL checks the package URL and the package's file name.
func (v *validator) packageURL(pt string) {
	u, err := url.Parse(v.t.PackageUrl)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.add(At("PackageUrl"), CodeWithMessage, "PackageUrl must be an http:// or https:// URL of the package, e.g. an OSS object URL.")
		return
	}
	name := path.Base(u.Path)
	if name == "/" || name == "." || name == "" {
		v.add(At("PackageUrl"), CodeFileName, "PackageUrl must end with the package's file name, e.g. .../app-1.0.jar.")
		return
	}
	ext := strings.ToLower(path.Ext(name))
	stem := strings.TrimSuffix(name, path.Ext(name))
	okChar := func(r rune) bool {
		return isLetterRune(r) || isDigit(r) || r == '-' || r == '_' || r == '.' || r == '*'
	}
	if !allOf(stem, okChar) {
		v.add(At("PackageUrl"), CodeFileName, "The package file name %q may contain only letters, digits, hyphens, underscores and dots; rename the file.", name)
		return
	}
	want := map[string]string{"FatJar": ".jar", "War": ".war", "PythonZip": ".zip", "PhpZip": ".zip"}[pt]
	if want != "" && ext != want && (ext == ".jar" || ext == ".war" || ext == ".zip") {
		v.add(At("PackageUrl"), CodeFileName, "%s package must be a %s file, but PackageUrl points to %q; check PackageType or the URL.", capitalize(withArticle(pt)), want, name)
	}
}

func (v *validator) imageURL() {
	img := v.t.ImageUrl
	switch {
	case strings.Contains(img, "://"):
		v.add(At("ImageUrl"), CodeWithMessage, "ImageUrl is an image reference without a scheme, like registry.cn-hangzhou.aliyuncs.com/ns/app:1.0; remove %q.", img[:strings.Index(img, "://")+3])
	case strings.ContainsAny(img, " \t\n"):
		v.add(At("ImageUrl"), CodeWithMessage, "ImageUrl must not contain spaces.")
	case strings.HasSuffix(img, ":") || strings.HasSuffix(img, "/") || strings.HasPrefix(img, "/"):
		v.add(At("ImageUrl"), CodeWithMessage, "ImageUrl %q is incomplete; write registry/namespace/repository:tag.", img)
	}
}

// registryHost returns the registry part of an image reference ("" for a
// Docker Hub short name such as nginx:latest).
func registryHost(image string) string {
	first, _, ok := strings.Cut(image, "/")
	if !ok || !(strings.ContainsAny(first, ".:") || first == "localhost") {
		return ""
	}
	host, _, _ := strings.Cut(first, ":")
	return strings.ToLower(host)
}

// acrEnterpriseHost reports whether host is a Container Registry Enterprise
// Edition domain (name-registry[-vpc].<region>.cr.aliyuncs.com).
func acrEnterpriseHost(host string) bool { return strings.HasSuffix(host, ".cr.aliyuncs.com") }

// acrDomain checks ImageUrl against AcrInstanceId: an Enterprise Edition
// image needs the instance ID, and the instance ID needs an image on an
// Enterprise Edition domain.
func (v *validator) acrDomain() {
	t := v.t
	if t.ImageUrl == "" {
		return
	}
	host := registryHost(t.ImageUrl)
	switch {
	case t.AcrInstanceId == "" && acrEnterpriseHost(host):
		v.add(At("AcrInstanceId"), CodeNotEmpty, "ImageUrl is in a Container Registry Enterprise Edition instance (%s): set AcrInstanceId to that instance's ID (cri-...).", host)
	case t.AcrInstanceId != "" && !acrEnterpriseHost(host):
		shown := host
		if shown == "" {
			shown = "Docker Hub"
		}
		v.add(At("ImageUrl"), CodeAcrDomain, "ImageUrl is on %s, which is not a domain of ACR instance %s; use the instance's domain (like name-registry.cn-hangzhou.cr.aliyuncs.com) or remove AcrInstanceId.", shown, t.AcrInstanceId)
	}
}

func validRoleArn(arn string) bool {
	rest, ok := strings.CutPrefix(arn, "acs:ram::")
	if !ok {
		return false
	}
	account, role, ok := strings.Cut(rest, ":role/")
	return ok && account != "" && role != "" && allOf(account, func(r rune) bool { return isDigit(r) || r == '*' })
}

func (v *validator) tomcat() {
	c := v.t.TomcatConfig
	// The bounds are the ones the schema publishes (tomcatPortShape).
	if lo, hi := *tomcatPortShape.Min, *tomcatPortShape.Max; c.Port != nil && (int64(*c.Port) < lo || int64(*c.Port) > hi) {
		v.add(At("TomcatConfig").Key("port"), CodeObviously, "TomcatConfig port %d is out of range; use a port from %d to %d (default 8080).", *c.Port, lo, hi)
	}
	if c.ContextPath != nil && *c.ContextPath != "" && !strings.HasPrefix(*c.ContextPath, "/") {
		v.add(At("TomcatConfig").Key("contextPath"), CodeWithMessage, "TomcatConfig contextPath must start with /, like / or /app.")
	}
	if c.MaxThreads != nil && *c.MaxThreads < 1 {
		v.add(At("TomcatConfig").Key("maxThreads"), CodeObviously, "TomcatConfig maxThreads must be at least 1 (default 400).")
	}
	if c.UriEncoding != nil && !slices.Contains(URIEncodings, *c.UriEncoding) {
		v.add(At("TomcatConfig").Key("uriEncoding"), CodeObviously, "TomcatConfig uriEncoding %q is not supported; use one of %s.", *c.UriEncoding, list(URIEncodings))
	}
	if pt := v.t.PackageType; pt != "" && pt != "War" {
		v.warn(At("TomcatConfig"), "TomcatConfig applies only to War packages; it is ignored for %s.", pt)
	}
}

func (v *validator) resources() {
	t := v.t
	cpuOK := true
	if t.Cpu != nil {
		if !slices.Contains(CPUs, *t.Cpu) {
			cpuOK = false
			v.add(At("Cpu"), CodeSpec, "Cpu %d millicores is not a supported size; use one of %s.", *t.Cpu, listInts(CPUs))
		}
	}
	if t.Memory != nil {
		switch {
		case memoryCPUs[*t.Memory] == nil:
			v.add(At("Memory"), CodeSpec, "Memory %d MB is not a supported size; use one of %s.", *t.Memory, listInts(Memories))
		case t.Cpu != nil && cpuOK && !ValidSpec(*t.Cpu, *t.Memory):
			v.add(At("Memory"), CodeSpec, "Memory %d MB does not pair with Cpu %d; with %d millicores use %s MB.", *t.Memory, *t.Cpu, *t.Cpu, listInts(MemoriesFor(*t.Cpu)))
		}
	}
	if t.Replicas == nil {
		v.add(At("Replicas"), CodeNotEmpty, "Replicas is required: how many task instances run at once (e.g. 1).")
	}
	v.ranges()
}

// values checks each string parameter that takes listed values (Param.Values)
// against them, but for those a rule of their own checks (Param.OwnRule).
func (v *validator) values() {
	rv := reflect.ValueOf(v.t).Elem()
	for _, p := range stringParams {
		s := rv.Field(p.index).String()
		if p.Values == nil || p.OwnRule || s == "" || slices.Contains(p.Values, s) {
			continue
		}
		msg := fmt.Sprintf("%s %q is not supported; use %s.", p.Name, s, list(p.Values))
		if sug := Suggest(s, p.Values); sug != "" {
			msg = fmt.Sprintf("%s %q is not supported; did you mean %q? Use %s.", p.Name, s, sug, list(p.Values))
		}
		v.add(At(p.Name), CodeObviously, "%s", msg)
	}
}

// ranges checks every integer parameter against its Range, the same bounds
// the schema publishes. Parameters with catalogue sizes (Cpu, Memory) are
// checked against the catalogue instead.
func (v *validator) ranges() {
	rv := reflect.ValueOf(v.t).Elem()
	for _, p := range intParams {
		f := rv.Field(p.index)
		if p.Sizes != nil || f.IsNil() {
			continue
		}
		n := f.Elem().Int()
		if lo, hi := p.Range(); n < lo || n > hi {
			v.add(At(p.Name), CodeObviously, "%s", p.outOfRange(strconv.FormatInt(n, 10)))
		}
	}
}

func (v *validator) command() {
	t := v.t
	for i, e := range t.Envs {
		v.env(i, e)
	}
	seen := map[string]int{}
	for i, e := range t.Envs {
		if j, dup := seen[e.Name]; dup && e.Name != "" {
			v.warn(At("Envs").Item(i).Key("name"), "Environment variable %s is defined twice (variables %d and %d); only one value reaches the container, so remove the other.", e.Name, j+1, i+1)
		}
		seen[e.Name] = i
	}
	for i, h := range t.CustomHostAlias {
		f := At("CustomHostAlias").Item(i)
		if h.HostName == "" {
			v.add(f.Key("hostName"), CodeNotEmpty, "Host alias %d needs a hostName.", i+1)
		} else if !validHostname(h.HostName) {
			v.add(f.Key("hostName"), CodeHostnameIP, "Host alias %d: %q is not a valid host name (letters, digits, hyphens and dots).", i+1, h.HostName)
		}
		if h.IP == "" {
			v.add(f.Key("ip"), CodeNotEmpty, "Host alias %d needs an ip.", i+1)
		} else if net.ParseIP(h.IP) == nil {
			v.add(f.Key("ip"), CodeHostnameIP, "Host alias %d: %q is not a valid IP address.", i+1, h.IP)
		}
	}
	v.hook("PreStop", t.PreStop)
	v.hook("PostStart", t.PostStart)
	if t.Timezone != "" {
		if err := CheckTimezone(t.Timezone); err != nil {
			msg := fmt.Sprintf("Timezone %q is not a time zone name; use an IANA name such as Asia/Shanghai or UTC.", t.Timezone)
			if strings.HasPrefix(t.Timezone, "GMT") && strings.Contains(t.Timezone, ":") {
				msg = fmt.Sprintf("Timezone takes an IANA name such as Asia/Shanghai; %q is the trigger's form, which belongs in TriggerConfig.timezone.", t.Timezone)
			}
			v.add(At("Timezone"), CodeObviously, "%s", msg)
		}
	}
}

func (v *validator) env(i int, e Env) {
	f := At("Envs").Item(i)
	if e.Name == "" {
		v.add(f.Key("name"), CodeNotEmpty, "Environment variable %d needs a name.", i+1)
	} else if !validEnvName(e.Name) {
		v.add(f.Key("name"), CodeWithMessage, "Environment variable name %q may contain only letters, digits, '_', '-' and '.', and must not start with a digit.", e.Name)
	}
	if !e.FromConfigMap {
		return
	}
	if e.Value != nil && *e.Value != "" {
		v.add(f.Key("value"), CodeWithMessage, "Environment variable %s takes its value from a ConfigMap; remove value, or remove the ConfigMap reference.", e.Name)
	}
	if e.ConfigMapId == nil || *e.ConfigMapId <= 0 {
		v.add(f.Key("configMapId"), CodeNotEmpty, "Environment variable %s references a ConfigMap: set configMapId to the ConfigMap's ID.", e.Name)
	}
	all := strings.HasPrefix(e.Name, EnvConfigMapAllPrefix)
	switch {
	case all && Deref(e.Key) != "":
		v.add(f.Key("key"), CodeWithMessage, "%s imports every key of the ConfigMap; remove key, or rename the variable to import one key.", e.Name)
	case !all && Deref(e.Key) == "":
		v.add(f.Key("key"), CodeNotEmpty, "Environment variable %s needs the ConfigMap key to read; to import all keys, name it %s<ConfigMap name>.", e.Name, EnvConfigMapAllPrefix)
	}
}

func (v *validator) hook(name string, h *Hook) {
	if h == nil {
		return
	}
	if h.Exec == nil || len(h.Exec.Command) == 0 {
		v.add(At(name), CodeWithMessage, "%s needs a command to run, like {\"exec\":{\"command\":[\"sh\",\"-c\",\"echo hello\"]}}.", name)
		return
	}
	if h.Exec.Command[0] == "" {
		v.add(At(name).Key("exec").Key("command").Item(0), CodeWithMessage, "%s: the first word of the command is the program to run and cannot be empty.", name)
	}
}

// logs checks SlsConfigs against the SLS rules.
func (v *validator) logs() {
	cfgs := v.t.SlsConfigs
	stdout := -1
	projects := map[string]bool{}
	managed := false
	for i, c := range cfgs {
		f := At("SlsConfigs").Item(i)
		lt := Deref(c.LogType)
		dir := Deref(c.LogDir)
		proj, store := Deref(c.ProjectName), Deref(c.LogstoreName)
		switch {
		case lt == LogTypeStdout:
			if stdout >= 0 {
				v.add(f.Key("logType"), CodeWithMessage, "Only one standard output can be collected, but log configs %d and %d both set logType stdout; remove one.", stdout+1, i+1)
			}
			stdout = i
			if dir != "" {
				v.warn(f.Key("logDir"), "logDir is ignored when logType is stdout; leave it empty.")
			}
		case lt != "":
			v.add(f.Key("logType"), CodeObviously, "logType %q is not supported: set stdout for the standard output, or leave it out to collect the file in logDir.", lt)
		case dir == "":
			v.add(f.Key("logDir"), CodeLogDir, "Log config %d collects a file but has no logDir: give the log file's absolute path, or set logType to stdout.", i+1)
		case !strings.HasPrefix(dir, "/"):
			v.add(f.Key("logDir"), CodeLogDir, "logDir %q must be an absolute path in the container, like /tmp/a.log.", dir)
		}
		switch {
		case proj != "" && store == "":
			v.add(f.Key("logstoreName"), CodeSlsNoLogstore, "Log config %d names project %s but no logstoreName: with your own SLS resources give both.", i+1, proj)
		case proj == "" && store != "":
			v.add(f.Key("projectName"), CodeSlsNoProject, "Log config %d names logstore %s but no projectName: with your own SLS resources give both.", i+1, store)
		}
		if strings.HasPrefix(proj, "sae-") {
			v.add(f.Key("projectName"), CodeSlsProjectName, "Project %s starts with \"sae-\", which SAE keeps for the projects it creates (and deletes with the job); use another project.", proj)
		}
		if strings.HasPrefix(store, "sae-") {
			v.add(f.Key("logstoreName"), CodeSlsLogstoreName, "Logstore %s starts with \"sae-\", which SAE keeps for itself; use another logstore name.", store)
		}
		if proj != "" {
			projects[proj] = true
		} else if store == "" {
			managed = true
		}
	}
	if len(projects) > 1 || (len(projects) == 1 && managed) {
		v.add(At("SlsConfigs"), CodeSlsMultiProject, "All log configs must go to one SLS project, but these use %s; use one projectName in every item (or none, to let SAE create one).", projectList(projects, managed))
	}
}

func projectList(projects map[string]bool, managed bool) string {
	names := make([]string, 0, len(projects)+1)
	for p := range projects {
		names = append(names, p)
	}
	sort.Strings(names)
	if managed {
		names = append(names, "SAE's own project")
	}
	return strings.Join(names, ", ")
}

// mounts checks NAS, OSS and ConfigMap mounts and their conflicts with logs.
func (v *validator) mounts() {
	t := v.t
	var nasPaths []nasPath
	if len(t.MountDesc) > 0 || t.NasId != "" || t.MountHost != "" {
		// The reference does not say these go together, so a missing one
		// is a warning: SAE may keep an earlier NAS setting.
		if t.NasId == "" {
			v.warn(At("NasId"), "NasId is not set, so NAS is not mounted: give the ID of the NAS file system (or remove MountDesc and MountHost).")
		}
		if t.MountHost == "" {
			v.warn(At("MountHost"), "MountHost is not set, so NAS is not mounted: give the mount target in the job's VPC.")
		}
		if len(t.MountDesc) == 0 {
			v.warn(At("MountDesc"), "MountDesc is not set, so NAS is not mounted: list at least one mountPath and nasPath.")
		}
	}
	seen := map[string]mountLabel{}
	for i, m := range t.MountDesc {
		f := At("MountDesc").Item(i)
		v.absPath(f.Key("mountPath"), m.MountPath, "NAS mount")
		if m.NasPath == "" {
			v.add(f.Key("nasPath"), CodeNotEmpty, "NAS mount %d needs a nasPath: the directory on NAS, like /.", i+1)
		} else if !strings.HasPrefix(m.NasPath, "/") {
			v.add(f.Key("nasPath"), CodeWithMessage, "nasPath %q must start with /.", m.NasPath)
		}
		label := mountLabel{"NAS mount", i}
		v.uniqueMount(seen, f.Key("mountPath"), label, m.MountPath)
		nasPaths = append(nasPaths, nasPath{label, m.MountPath})
	}
	for i, n := range t.NasConfigs {
		f := At("NasConfigs").Item(i)
		v.absPath(f.Key("mountPath"), n.MountPath, "NAS mount")
		if n.NasId == "" {
			v.add(f.Key("nasId"), CodeNotEmpty, "NAS config %d needs nasId: the ID of the NAS file system.", i+1)
		}
		if n.MountDomain == "" {
			v.add(f.Key("mountDomain"), CodeNotEmpty, "NAS config %d needs mountDomain: the NAS mount target, like xxx.cn-hangzhou.nas.aliyuncs.com.", i+1)
		}
		if n.NasPath != "" && !strings.HasPrefix(n.NasPath, "/") {
			v.add(f.Key("nasPath"), CodeWithMessage, "nasPath %q must start with /.", n.NasPath)
		}
		label := mountLabel{"NAS config", i}
		v.uniqueMount(seen, f.Key("mountPath"), label, n.MountPath)
		nasPaths = append(nasPaths, nasPath{label, n.MountPath})
	}
	for i, o := range t.OssMountDescs {
		f := At("OssMountDescs").Item(i)
		if o.BucketName == "" {
			v.add(f.Key("bucketName"), CodeNotEmpty, "OSS mount %d needs bucketName.", i+1)
		} else if why := bucketNameFault(o.BucketName); why != "" {
			v.add(f.Key("bucketName"), CodeWithMessage, "OSS mount %d: bucket name %q %s; OSS bucket names are 3 to 63 lowercase letters, digits and hyphens, and start and end with a letter or digit.", i+1, o.BucketName, why)
		}
		if o.BucketPath == "" {
			v.add(f.Key("bucketPath"), CodeNotEmpty, "OSS mount %d needs bucketPath: the directory or object in the bucket.", i+1)
		}
		v.absPath(f.Key("mountPath"), o.MountPath, "OSS mount")
		v.uniqueMount(seen, f.Key("mountPath"), mountLabel{"OSS mount", i}, o.MountPath)
	}
	if len(t.OssMountDescs) > 0 {
		if t.OssAkId == "" {
			v.warn(At("OssAkId"), "OssAkId is not set: OSS mounts need the AccessKey ID that reads and writes the bucket.")
		}
		if t.OssAkSecret == "" {
			v.warn(At("OssAkSecret"), "OssAkSecret is not set: OSS mounts need it; write ${ENV_VAR} to read it from the environment at submit time.")
		}
	}
	// A ConfigMap mount conflicts with another mount at the same path.
	for i, c := range t.ConfigMapMountDesc {
		f := At("ConfigMapMountDesc").Item(i)
		if c.ConfigMapId <= 0 {
			v.add(f.Key("configMapId"), CodeNotEmpty, "ConfigMap mount %d needs configMapId: the ConfigMap's ID.", i+1)
		}
		if c.Key == "" {
			v.add(f.Key("key"), CodeNotEmpty, "ConfigMap mount %d needs a key, or %s to mount every key.", i+1, ConfigMapAllKeys)
		}
		v.absPath(f.Key("mountPath"), c.MountPath, "ConfigMap mount")
		if c.MountPath == "" {
			continue
		}
		clean := path.Clean(c.MountPath)
		if other, dup := seen[clean]; dup {
			v.add(f.Key("mountPath"), CodeMountConfigMap, "ConfigMap mount %d uses %s, which %s already uses; give each mount its own path.", i+1, c.MountPath, other)
			continue
		}
		seen[clean] = mountLabel{"ConfigMap mount", i}
	}
	// A log file collected from a NAS-mounted directory conflicts.
	for i, c := range t.SlsConfigs {
		dir := Deref(c.LogDir)
		if dir == "" || Deref(c.LogType) == LogTypeStdout {
			continue
		}
		for _, m := range nasPaths {
			if m.path != "" && pathWithin(dir, m.path) {
				v.add(At("SlsConfigs").Item(i).Key("logDir"), CodeVolumePath, "Log path %s lies in the NAS mount %s (%s); collect logs from a directory that is not on NAS.", dir, m.path, m.label)
			}
		}
	}
}

func (v *validator) absPath(field Path, p, what string) {
	switch {
	case p == "":
		v.add(field, CodeNotEmpty, "The %s needs a mountPath in the container, like /data.", what)
	case !strings.HasPrefix(p, "/"):
		v.add(field, CodeWithMessage, "mountPath %q must be an absolute path, like /data.", p)
	}
}

// mountLabel names a mount in the user's words: "OSS mount 2" for index 1.
// It is a value, turned into text only for a message.
type mountLabel struct {
	noun  string
	index int
}

// nasPath is a NAS mount's path in the container.
type nasPath struct {
	label mountLabel
	path  string
}

func (l mountLabel) String() string { return fmt.Sprintf("%s %d", l.noun, l.index+1) }

func (v *validator) uniqueMount(seen map[string]mountLabel, field Path, label mountLabel, p string) {
	if p == "" {
		return
	}
	clean := path.Clean(p)
	if other, dup := seen[clean]; dup {
		v.add(field, CodeWithMessage, "mountPath %s of %s is already used by %s; mount each volume at its own path.", p, label, other)
		return
	}
	seen[clean] = label
}

// pathWithin reports whether p is dir or lies below it.
func pathWithin(p, dir string) bool {
	p, dir = path.Clean(p), path.Clean(dir)
	return p == dir || dir == "/" || strings.HasPrefix(p, dir+"/")
}

func (v *validator) trigger() {
	tc := v.t.TriggerConfig
	if tc == nil {
		return
	}
	switch tc.Type {
	case "":
		v.add(At("TriggerConfig").Key("type"), CodeNotEmpty, "TriggerConfig needs a type: time for a schedule, or http for a run on request.")
		return
	case TriggerTime:
		if tc.HTTP != nil {
			v.add(At("TriggerConfig").Key("config"), CodeWithMessage, "A time trigger's config is a cron expression like \"0 1 */1 * ?\", not an HTTP rule.")
			return
		}
		if strings.TrimSpace(tc.Cron) == "" {
			v.add(At("TriggerConfig").Key("config"), CodeNotEmpty, "A time trigger needs a cron expression in config, like \"0 1 */1 * ?\" (every day at 01:00).")
		} else if _, err := ParseCron(tc.Cron); err != nil {
			v.add(At("TriggerConfig").Key("config"), CodeWithMessage, "The cron expression %q is not valid: %s.", tc.Cron, cronHint(err))
		}
		if tc.Zone != "" {
			if _, err := ParseTriggerZone(tc.Zone); err != nil {
				v.add(At("TriggerConfig").Key("timezone"), CodeWithMessage, "The trigger time zone is not valid: %s.", err)
			}
		}
	case TriggerHTTP:
		if tc.HTTP == nil {
			if tc.Cron != "" {
				v.add(At("TriggerConfig").Key("config"), CodeWithMessage, "An http trigger's config is an object like {\"type\":\"HTTPS\",\"method\":[\"GET\"],\"securityConfig\":\"none\"}, not a cron expression.")
			} else {
				v.add(At("TriggerConfig").Key("config"), CodeNotEmpty, "An http trigger needs config: protocol (type), method and securityConfig.")
			}
			return
		}
		v.httpTrigger(tc.HTTP)
		if tc.Zone != "" {
			v.warn(At("TriggerConfig").Key("timezone"), "timezone is used only by time triggers; it is ignored for an http trigger.")
		}
	default:
		v.add(At("TriggerConfig").Key("type"), CodeObviously, "TriggerConfig type %q is not supported; use time (a cron schedule) or http (a run on request).", tc.Type)
	}
}

func cronHint(err error) string {
	msg := err.Error()
	if strings.Contains(msg, "\"L\"") || strings.Contains(msg, "\"W\"") || strings.Contains(msg, "#") {
		return "L, W and # are not supported; use numbers, ranges (1-5), lists (1,15) and steps (*/2)"
	}
	return msg
}

func (v *validator) httpTrigger(h *HTTPTrigger) {
	f := At("TriggerConfig").Key("config")
	switch {
	case h.Type == "":
		v.add(f.Key("type"), CodeNotEmpty, "The http trigger needs a protocol in type: %s.", list(HTTPProtocols))
	case !slices.Contains(HTTPProtocols, h.Type):
		v.add(f.Key("type"), CodeObviously, "The http trigger protocol %q is not supported; use one of %s.", h.Type, list(HTTPProtocols))
	}
	if len(h.Method) == 0 {
		v.add(f.Key("method"), CodeNotEmpty, "The http trigger needs at least one method, like GET.")
	}
	for i, m := range h.Method {
		if !slices.Contains(HTTPMethods, m) {
			v.add(f.Key("method").Item(i), CodeObviously, "HTTP method %q is not supported; use %s.", m, list(HTTPMethods))
		}
	}
	mode := h.SecurityConfig
	if mode == "" {
		mode = "none"
	}
	if !slices.Contains(HTTPSecurityModes, mode) {
		v.add(f.Key("securityConfig"), CodeObviously, "securityConfig %q is not supported; use none, ip (allow listed IPs) or referer (allow listed referers).", h.SecurityConfig)
	}
	if mode == "ip" && len(h.IP) == 0 {
		v.add(f.Key("ip"), CodeNotEmpty, "securityConfig is ip, so list the allowed IP addresses or CIDR blocks in ip.")
	}
	if mode == "referer" && len(h.Referer) == 0 {
		v.add(f.Key("referer"), CodeNotEmpty, "securityConfig is referer, so list the allowed referers in referer.")
	}
	for i, ip := range h.IP {
		if net.ParseIP(ip) == nil {
			if _, _, err := net.ParseCIDR(ip); err != nil {
				v.add(f.Key("ip").Item(i), CodeWithMessage, "%q is not an IP address or CIDR block (like 10.0.0.0/8).", ip)
			}
		}
	}
	for i, r := range h.Referer {
		if strings.TrimSpace(r) == "" {
			v.add(f.Key("referer").Item(i), CodeNotEmpty, "Referer %d is empty; remove it or give a domain.", i+1)
		}
	}
}

// withArticle puts "a" or "an" before word, by its first letter: "an
// IMAGE_PHP_7_3", "a FatJar".
func withArticle(word string) string {
	if word != "" && strings.ContainsRune("AEIOUaeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

func (v *validator) job() {
	t := v.t
	if len(t.SliceEnvs) > 0 && !Deref(t.Slice) {
		v.warn(At("SliceEnvs"), "SliceEnvs is ignored unless Slice is true; set Slice to true to shard the job.")
	}
	if Deref(t.Slice) && len(t.SliceEnvs) == 0 {
		v.warn(At("SliceEnvs"), "Slice is true but SliceEnvs lists no shards; give one value per shard, like [0,1,2].")
	}
	for i, raw := range t.SliceEnvs {
		if c := firstByte(raw); c != '-' && !isDigit(rune(c)) {
			continue
		}
		num := string(bytes.TrimSpace(raw))
		if f, err := strconv.ParseFloat(num, 64); err != nil && math.IsInf(f, 0) {
			v.add(At("SliceEnvs").Item(i), CodeWithMessage, "Shard %d's value %s is too large a number to be read as one; write it as a string (\"%s\") or use a smaller number.", i+1, num, num)
		}
	}
}

// secretRefs refuses a secret parameter that references one of the
// variables saejob signs requests with: their value must never reach SAE.
func (v *validator) secretRefs() {
	rv := reflect.ValueOf(v.t).Elem()
	for _, p := range stringParams {
		if !p.Secret {
			continue
		}
		if name, ok := EnvRef(rv.Field(p.index).String()); ok && CredentialVar(name) {
			v.add(At(p.Name), CodeWithMessage, "%s", credentialRefMessage(p.Name, name))
		}
	}
}

// bucketNameFault says what is wrong with an OSS bucket name ("" when it
// follows OSS's naming rules).
func bucketNameFault(name string) string {
	ok := func(r rune) bool { return isLower(r) || isDigit(r) || r == '-' }
	switch {
	case len(name) < 3:
		return "is too short"
	case len(name) > 63:
		return fmt.Sprintf("is %d characters long", len(name))
	case !allOf(name, ok):
		return fmt.Sprintf("holds %q", firstBad(name, ok))
	case name[0] == '-' || name[len(name)-1] == '-':
		return "starts or ends with a hyphen"
	}
	return ""
}

// hiddenChars finds values holding characters a terminal would act on or
// hide (escape sequences, carriage returns, bidi overrides): what a person
// reads is then not what is sent. In names, IDs, URLs and paths SAE could not
// want them, so they are errors (and no other rule speaks about that field);
// in free text (commands, options, descriptions) they get a warning. Field
// paths and labels are built only for a value that holds one.
func (v *validator) hiddenChars() {
	t := v.t
	rv := reflect.ValueOf(t).Elem()
	for _, p := range stringParams {
		if s := rv.Field(p.index).String(); s != "" && hasHidden(s, p.Lines) {
			v.hidden(At(p.Name), p.Name, s, p.Text, p.Lines, p.Secret)
		}
	}
	for i, a := range t.CommandArgs {
		if hasHidden(a, true) {
			v.hidden(At("CommandArgs").Item(i), fmt.Sprintf("Command argument %d", i+1), a, true, true, false)
		}
	}
	for i, e := range t.Envs {
		if hasHidden(e.Name, false) {
			v.hidden(At("Envs").Item(i).Key("name"), fmt.Sprintf("The name of environment variable %d", i+1), e.Name, false, false, false)
		}
		if val := Deref(e.Value); hasHidden(val, true) {
			v.hidden(At("Envs").Item(i).Key("value"), fmt.Sprintf("The value of environment variable %d", i+1), val, true, true, false)
		}
		if key := Deref(e.Key); hasHidden(key, false) {
			v.hidden(At("Envs").Item(i).Key("key"), fmt.Sprintf("The ConfigMap key of environment variable %d", i+1), key, false, false, false)
		}
	}
	for i, h := range t.CustomHostAlias {
		v.hiddenItem(At("CustomHostAlias").Item(i), "host alias "+strconv.Itoa(i+1), "hostName", h.HostName, "ip", h.IP)
	}
	for i, c := range t.SlsConfigs {
		v.hiddenItem(At("SlsConfigs").Item(i), "log config "+strconv.Itoa(i+1), "projectName", Deref(c.ProjectName), "logType", Deref(c.LogType),
			"logDir", Deref(c.LogDir), "logstoreName", Deref(c.LogstoreName), "logtailName", Deref(c.LogtailName))
	}
	for i, m := range t.MountDesc {
		v.hiddenItem(At("MountDesc").Item(i), "NAS mount "+strconv.Itoa(i+1), "mountPath", m.MountPath, "nasPath", m.NasPath)
	}
	for i, n := range t.NasConfigs {
		v.hiddenItem(At("NasConfigs").Item(i), "NAS config "+strconv.Itoa(i+1), "mountPath", n.MountPath, "nasId", n.NasId, "mountDomain", n.MountDomain, "nasPath", n.NasPath)
	}
	for i, o := range t.OssMountDescs {
		v.hiddenItem(At("OssMountDescs").Item(i), "OSS mount "+strconv.Itoa(i+1), "bucketName", o.BucketName, "bucketPath", o.BucketPath, "mountPath", o.MountPath)
	}
	for i, c := range t.ConfigMapMountDesc {
		v.hiddenItem(At("ConfigMapMountDesc").Item(i), "ConfigMap mount "+strconv.Itoa(i+1), "key", c.Key, "mountPath", c.MountPath)
	}
	for _, h := range [...]struct {
		name string
		hook *Hook
	}{{"PreStop", t.PreStop}, {"PostStart", t.PostStart}} {
		if h.hook == nil || h.hook.Exec == nil {
			continue
		}
		for i, a := range h.hook.Exec.Command {
			if hasHidden(a, true) {
				v.hidden(At(h.name).Key("exec").Key("command").Item(i), fmt.Sprintf("Word %d of the %s command", i+1, h.name), a, true, true, false)
			}
		}
	}
	if c := t.TomcatConfig; c != nil {
		v.hiddenItem(At("TomcatConfig"), "TomcatConfig", "contextPath", Deref(c.ContextPath), "uriEncoding", Deref(c.UriEncoding))
	}
	if tc := t.TriggerConfig; tc != nil {
		v.hiddenItem(At("TriggerConfig"), "TriggerConfig", "type", tc.Type, "config", tc.Cron, "timezone", tc.Zone)
		if h := tc.HTTP; h != nil {
			v.hiddenItem(At("TriggerConfig").Key("config"), "TriggerConfig.config", "type", h.Type, "securityConfig", h.SecurityConfig)
			for _, l := range [...]struct {
				key, noun string
				items     []string
			}{{"method", "HTTP method", h.Method}, {"ip", "IP address", h.IP}, {"referer", "Referer", h.Referer}} {
				for i, s := range l.items {
					if hasHidden(s, false) {
						v.hidden(At("TriggerConfig").Key("config").Key(l.key).Item(i), fmt.Sprintf("%s %d of the http trigger", l.noun, i+1), s, false, false, false)
					}
				}
			}
		}
	}
	for i, raw := range t.SliceEnvs {
		var s string
		if firstByte(raw) == '"' && json.Unmarshal(raw, &s) == nil && hasHidden(s, true) {
			v.hidden(At("SliceEnvs").Item(i), fmt.Sprintf("The value of shard %d", i+1), s, true, true, false)
		}
	}
}

// hasHidden is HasHidden with a fast path for printable ASCII, which is
// almost every value: Validate runs on each key press in the wizard.
func hasHidden(s string, lines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c >= 0x20 && c < 0x7f) || (lines && (c == '\n' || c == '\t')) {
			continue
		}
		return HasHidden(s[i:], lines) // s[i] starts a rune: all before it is ASCII
	}
	return false
}

// hiddenItem checks the keys of the list item or object at base, named
// whole in messages, as key, value pairs: SAE could want a hidden character in none.
func (v *validator) hiddenItem(base Path, whole string, kv ...string) {
	for k := 0; k+1 < len(kv); k += 2 {
		if hasHidden(kv[k+1], false) {
			v.hidden(base.Key(kv[k]), kv[k]+" of "+whole, kv[k+1], false, false, false)
		}
	}
}

// hidden reports a value s that holds a hidden character (lines: newlines
// and tabs do not count): a warning for free text (text), else an error. A
// secret's value is never shown.
func (v *validator) hidden(field Path, label, s string, text, lines, secret bool) {
	shown := ` ("` + hiddenExcerpt(s, lines) + `")`
	if secret {
		shown = ""
	}
	if text {
		v.warn(field, "%s%s holds control or invisible characters (shown escaped) that a terminal acts on or hides, so it may not be what you see elsewhere; check it, and retype it if in doubt.", label, shown)
		return
	}
	v.add(field, CodeWithMessage, "%s%s holds control or invisible characters (shown escaped), which SAE cannot use there; retype the value.", label, shown)
	if v.hiddenAt == nil {
		v.hiddenAt = map[string]bool{}
	}
	v.hiddenAt[field.String()] = true
}

// hiddenExcerpt is s with every hidden character escaped (newlines too: it
// goes into a one-line message), cut to about 60 characters around the first
// character that counts as hidden (see HasHidden).
func hiddenExcerpt(s string, lines bool) string {
	const room = 60
	vis := Visible(s)
	if utf8.RuneCountInString(vis) <= room {
		return vis
	}
	at := 0
	for i, r := range s {
		if hidden(r, lines) || r == utf8.RuneError {
			at = i
			break
		}
	}
	start := max(0, at-room/3)
	for start > 0 && !utf8.RuneStart(s[start]) {
		start--
	}
	out := []rune(Visible(s[start:]))
	excerpt := string(out)
	if len(out) > room {
		excerpt = string(out[:room]) + "…"
	}
	if start > 0 {
		excerpt = "…" + excerpt
	}
	return excerpt
}

func validHostname(h string) bool {
	if len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		if !allOf(label, func(r rune) bool { return isLetterRune(r) || isDigit(r) || r == '-' }) {
			return false
		}
	}
	return true
}

func validEnvName(n string) bool {
	if isDigit(rune(n[0])) {
		return false
	}
	return allOf(n, func(r rune) bool { return isLetterRune(r) || isDigit(r) || r == '_' || r == '-' || r == '.' })
}

func isLetter(c byte) bool     { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isLower(r rune) bool      { return r >= 'a' && r <= 'z' }
func isLetterRune(r rune) bool { return r < 128 && isLetter(byte(r)) }
func isDigit(r rune) bool      { return r >= '0' && r <= '9' }
func allOf(s string, ok func(rune) bool) bool {
	for _, r := range s {
		if !ok(r) {
			return false
		}
	}
	return true
}

func firstBad(s string, ok func(rune) bool) string {
	for _, r := range s {
		if !ok(r) {
			return string(r)
		}
	}
	return ""
}

// list joins choices for a message: "a, b or c".
func list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// listAnd joins items for a message: "a, b and c".
func listAnd(items []string) string {
	if len(items) < 2 {
		return list(items)
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func listInts(items []int) string {
	s := make([]string, len(items))
	for i, n := range items {
		s[i] = fmt.Sprint(n)
	}
	return list(s)
}
