package model

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// referenceFatJar is a FatJar cron job made of the reference's own example values.
func referenceFatJar() *Template {
	t := &Template{}
	params := map[string]string{
		"AppName":                       "test",
		"NamespaceId":                   "cn-beijing:test",
		"AppDescription":                "This is a test description.",
		"VpcId":                         "vpc-bp1aevy8sofi8mh1q****",
		"VSwitchId":                     "vsw-bp12mw1f8k3jgygk9****",
		"PackageType":                   "FatJar",
		"PackageVersion":                "1.0.1",
		"PackageUrl":                    "http://myoss.oss-cn-hangzhou.aliyuncs.com/my-buc/2019-06-30/****.jar",
		"Jdk":                           "Open JDK 8",
		"Cpu":                           "1000",
		"Memory":                        "1024",
		"Replicas":                      "3",
		"Command":                       "echo",
		"CommandArgs":                   `["a","b"]`,
		"Envs":                          `[{"name":"envtmp","value":"0"}]`,
		"CustomHostAlias":               `[{"hostName":"samplehost","ip":"127.0.0.1"}]`,
		"JarStartOptions":               "custom-option",
		"JarStartArgs":                  "-Xms4G -Xmx4G",
		"EdasContainerVersion":          "3.5.3",
		"Timezone":                      "Asia/Shanghai",
		"SlsConfigs":                    `[{"logDir":"","logType":"stdout"},{"logDir":"/tmp/a.log"}]`,
		"NasId":                         "10d3b4****",
		"MountHost":                     "10d3b4bc9****.com",
		"MountDesc":                     `[{mountPath: "/mnt/nas", nasPath: "/"}]`,
		"PreStop":                       `{"exec":{"command":["sh","-c","echo hello"]}}`,
		"PostStart":                     `{"exec":{"command":["sh","-c","echo hello"]}}`,
		"ConfigMapMountDesc":            `[{"configMapId":16,"key":"test","mountPath":"/etc/conf"}]`,
		"SecurityGroupId":               "sg-wz969ngg2e49q5i4****",
		"AutoConfig":                    "false",
		"TerminationGracePeriodSeconds": "10",
		"OssMountDescs":                 `[{"bucketName": "oss-bucket", "bucketPath": "data/user.data", "mountPath": "/usr/data/user.data", "readOnly": true}]`,
		"OssAkId":                       "xxxxxx",
		"OssAkSecret":                   "xxxxxx",
		"Workload":                      "job",
		"TriggerConfig":                 `{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}`,
		"ConcurrencyPolicy":             "Allow",
		"Timeout":                       "3600",
		"BackoffLimit":                  "3",
		"Slice":                         "true",
		"SliceEnvs":                     "[0,1,2]",
		"RefAppId":                      "7171a6ca-d1cd-4928-8642-7d5cfe69****",
		"ProgrammingLanguage":           "java",
		"NasConfigs":                    `[{"mountPath":"/test","readOnly":false,"nasId":"nasId1","mountDomain":"nasId1.cn-shenzhen.nas.aliyuncs.com","nasPath":"/test"}]`,
	}
	for k, v := range params {
		if err := t.SetWire(k, v); err != nil {
			panic(err)
		}
	}
	return t
}

func referenceWar() *Template {
	t := &Template{AppName: "war-job", PackageType: "War", PackageVersion: "1.0.1",
		PackageUrl: "https://example.oss-cn-hangzhou.aliyuncs.com/app/demo_1.war", Jdk: "Open JDK 8",
		WebContainer: "apache-tomcat-7.0.91", Replicas: Ptr(1), ProgrammingLanguage: "java",
		WarStartOptions: `CATALINA_OPTS="$CATALINA_OPTS $Options" catalina.sh run`}
	must(t.SetWire("TomcatConfig", `{"port":8080,"contextPath":"/","maxThreads":400,"uriEncoding":"ISO-8859-1","useBodyEncodingForUri":true}`))
	return t
}

func referenceImage() *Template {
	return &Template{AppName: "image-job", PackageType: "Image", Replicas: Ptr(1),
		ImageUrl: "registry.cn-hangzhou.aliyuncs.com/sae_test/ali_sae_test:0.0.1", AcrAssumeRoleArn: "acs:ram::123456789012****:role/adminrole",
		ImagePullSecrets: "10", EnableImageAccl: Ptr(false), Command: "sh", CommandArgs: []string{"-c", "echo hello"}, Cpu: Ptr(500), Memory: Ptr(2048)}
}

func referencePython() *Template {
	t := &Template{AppName: "py-job", PackageType: "PythonZip", ProgrammingLanguage: "python", Replicas: Ptr(2),
		PackageUrl: "https://bucket.oss-cn-hangzhou.aliyuncs.com/app.zip", PackageVersion: "1.0", Python: "PYTHON 3.9.15", PythonModules: "Flask==2.0"}
	must(t.SetWire("TriggerConfig", `{"type":"http","config":{"type":"HTTPS","method":["GET"],"ip":[],"referer":[],"securityConfig":"none"}}`))
	return t
}

func referencePHP() *Template {
	return &Template{AppName: "php-job", PackageType: "IMAGE_PHP_7_3", ProgrammingLanguage: "php", Replicas: Ptr(1),
		ImageUrl: "registry.cn-hangzhou.aliyuncs.com/ns/php-app:1.0", PhpConfigLocation: "/usr/local/etc/php/php.ini", PhpConfig: "k1=v1"}
}

func referencePhpZip() *Template {
	return &Template{AppName: "p", PackageType: "PhpZip", ProgrammingLanguage: "php", PackageUrl: "https://x.example.com/site.zip", Replicas: Ptr(1)}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func TestValidTemplatesHaveNoProblem(t *testing.T) {
	cases := map[string]*Template{
		"fatjar from reference examples": referenceFatJar(),
		"war":                            referenceWar(),
		"image":                          referenceImage(),
		"python zip http":                referencePython(),
		"php image":                      referencePHP(),
		"minimal shell":                  {AppName: "s", PackageType: "Image", ImageUrl: "busybox:latest", Replicas: Ptr(1), ProgrammingLanguage: "shell"},
		"enterprise edition image":       {AppName: "ee", PackageType: "Image", ImageUrl: "myinst-registry-vpc.cn-hangzhou.cr.aliyuncs.com/ns/app:1.0", AcrInstanceId: "cri-xxxxxx", Replicas: Ptr(1)},
		"cpu 12000 memory 12288":         {AppName: "big", PackageType: "Image", ImageUrl: "nginx", Replicas: Ptr(1), Cpu: Ptr(12000), Memory: Ptr(12288)},
		"cpu 12000 memory 24576":         {AppName: "big", PackageType: "Image", ImageUrl: "nginx", Replicas: Ptr(1), Cpu: Ptr(12000), Memory: Ptr(24576)},
		"phpzip":                         {AppName: "p", PackageType: "PhpZip", PackageUrl: "https://x.example.com/site.zip", Replicas: Ptr(1)},
		"user sls one project":           withWire(referenceImage(), "SlsConfigs", `[{"projectName":"test","logType":"stdout","logDir":"","logstoreName":"sae","logtailName":""},{"projectName":"test","logDir":"/tmp/a.log","logstoreName":"sae","logtailName":""}]`),
		"nested configmap env":           withWire(referenceImage(), "Envs", `[{"name":"sae-sys-configmap-all-hello","valueFrom":{"configMapRef":{"configMapId":100,"key":""}}},{"name":"hello","valueFrom":{"configMapRef":{"configMapId":101,"key":"php-fpm"}}}]`),
		"flat configmap env":             withWire(referenceImage(), "Envs", `[{"name":"sae-sys-configmap-all-test1","valueFrom":"configMapRef","configMapId":16}]`),
		"http trigger ip security":       withWire(referencePython(), "TriggerConfig", `{"type":"http","config":{"type":"HTTP&HTTPS","method":["GET","POST"],"ip":["10.0.0.0/8","192.168.1.1"],"referer":[],"securityConfig":"ip"}}`),
		"weekday cron":                   withWire(referenceImage(), "TriggerConfig", `{"type":"time","config":"0 9 ? * 1-5","timezone":"GMT-5:00"}`),
		"configmap all keys mount":       withWire(referenceImage(), "ConfigMapMountDesc", `[{"configMapId":"16","key":"sae-sys-configmap-all","mountPath":"/etc/a"}]`),
	}
	for name, tpl := range cases {
		t.Run(name, func(t *testing.T) {
			if ps := tpl.Validate(); len(ps) != 0 {
				t.Errorf("want no problem, got:\n%s", dump(ps))
			}
		})
	}
}

func withWire(t *Template, name, value string) *Template {
	must(t.SetWire(name, value))
	return t
}

func dump(ps Problems) string {
	var b strings.Builder
	for _, p := range ps {
		sev := "error"
		if p.Severity == Warning {
			sev = "warning"
		}
		fmt.Fprintf(&b, "  %s %s [%s] %s\n", sev, p.Field, p.Code, p.Message)
	}
	return b.String()
}

// TestRules checks each rule: a change to a valid template gives exactly the
// expected error on the expected field.
func TestRules(t *testing.T) {
	cases := []struct {
		name  string
		base  func() *Template
		edit  func(*Template)
		field string
		code  string
	}{
		// Basics.
		{"AppName missing", referenceImage, func(t *Template) { t.AppName = "" }, "AppName", CodeNotEmpty},
		{"AppName too long", referenceImage, func(t *Template) { t.AppName = "a" + strings.Repeat("b", 36) }, "AppName", CodeWithMessage},
		{"AppName 36 is fine, 37 not", referenceImage, func(t *Template) { t.AppName = strings.Repeat("a", 37) }, "AppName", CodeWithMessage},
		{"AppName starts with digit", referenceImage, func(t *Template) { t.AppName = "1job" }, "AppName", CodeWithMessage},
		{"AppName underscore", referenceImage, func(t *Template) { t.AppName = "my_job" }, "AppName", CodeWithMessage},
		{"AppDescription too long", referenceImage, func(t *Template) { t.AppDescription = strings.Repeat("x", 1025) }, "AppDescription", CodeWithMessage},
		{"Workload not job", referenceImage, func(t *Template) { t.Workload = "application" }, "Workload", CodeObviously},
		{"language unknown", referenceImage, func(t *Template) { t.ProgrammingLanguage = "go" }, "ProgrammingLanguage", CodeObviously},
		{"namespace uppercase", referenceImage, func(t *Template) { t.NamespaceId = "cn-beijing:Test" }, "NamespaceId", CodeNamespaceUpper},
		{"namespace underscore", referenceImage, func(t *Template) { t.NamespaceId = "cn-beijing:my_ns" }, "NamespaceId", CodeObviously},
		{"namespace starts with hyphen", referenceImage, func(t *Template) { t.NamespaceId = "cn-beijing:-ns" }, "NamespaceId", CodeObviously},
		// Package type and runtime.
		{"PackageType missing", referenceImage, func(t *Template) { t.PackageType = "" }, "PackageType", CodeNotEmpty},
		{"PackageType unknown", referenceImage, func(t *Template) { t.PackageType = "Jar" }, "PackageType", CodePackageType},
		{"PackageType not for python", referencePython, func(t *Template) {
			t.PackageType = "FatJar"
			t.Jdk = "Open JDK 8"
			t.PackageUrl = "https://a.example.com/a.jar"
		}, "PackageType", CodePackageType},
		{"PackageType not for java", referenceFatJar, func(t *Template) {
			t.PackageType = "PythonZip"
			t.Jdk = ""
			t.PackageUrl = "https://a.example.com/a.zip"
			t.EdasContainerVersion = ""
		}, "PackageType", CodePackageType},
		{"PHP without PHP runtime", referencePHP, func(t *Template) { t.PackageType = "Image" }, "PackageType", CodePhpRuntime},
		{"FatJar without PackageUrl", referenceFatJar, func(t *Template) { t.PackageUrl = "" }, "PackageUrl", CodeNotEmpty},
		{"FatJar without PackageVersion", referenceFatJar, func(t *Template) { t.PackageVersion = "" }, "PackageVersion", CodeNotEmpty},
		{"War without PackageUrl", referenceWar, func(t *Template) { t.PackageUrl = "" }, "PackageUrl", CodeNotEmpty},
		{"PythonZip without PackageVersion", referencePython, func(t *Template) { t.PackageVersion = "" }, "PackageVersion", CodeNotEmpty},
		{"Image without ImageUrl", referenceImage, func(t *Template) { t.ImageUrl = "" }, "ImageUrl", CodeNotEmpty},
		{"ImageUrl with scheme", referenceImage, func(t *Template) { t.ImageUrl = "https://registry.cn-hangzhou.aliyuncs.com/a/b:1" }, "ImageUrl", CodeWithMessage},
		{"PackageUrl not a URL", referenceFatJar, func(t *Template) { t.PackageUrl = "demo.jar" }, "PackageUrl", CodeWithMessage},
		{"FatJar pointing at a war", referenceFatJar, func(t *Template) { t.PackageUrl = "https://a.example.com/demo.war" }, "PackageUrl", CodeFileName},
		{"War pointing at a jar", referenceWar, func(t *Template) { t.PackageUrl = "https://a.example.com/demo.jar" }, "PackageUrl", CodeFileName},
		{"package file name with space", referenceFatJar, func(t *Template) { t.PackageUrl = "https://a.example.com/my%20app.jar" }, "PackageUrl", CodeFileName},
		{"FatJar without Jdk", referenceFatJar, func(t *Template) { t.Jdk = "" }, "Jdk", CodeJarMissingJdk},
		{"War without Jdk", referenceWar, func(t *Template) { t.Jdk = "" }, "Jdk", CodeWarMissing},
		{"War without Tomcat", referenceWar, func(t *Template) { t.WebContainer = "" }, "WebContainer", CodeWarMissing},
		{"Jdk unknown", referenceFatJar, func(t *Template) { t.Jdk = "Open JDK 17" }, "Jdk", CodeComponent},
		{"Tomcat unknown", referenceWar, func(t *Template) { t.WebContainer = "apache-tomcat-9" }, "WebContainer", CodeComponent},
		{"Jdk with Image", referenceImage, func(t *Template) { t.Jdk = "Open JDK 8" }, "Jdk", CodeObviously},
		{"Tomcat with Image", referenceImage, func(t *Template) { t.WebContainer = "apache-tomcat-7.0.91" }, "WebContainer", CodeObviously},
		{"Jdk with Python", referencePython, func(t *Template) { t.Jdk = "Open JDK 8" }, "Jdk", CodeObviously},
		{"Pandora FatJar with Tomcat", referenceFatJar, func(t *Template) { t.WebContainer = "apache-tomcat-7.0.91" }, "WebContainer", CodePandoraOnlyJdk},
		{"HSF on Python", referencePython, func(t *Template) { t.EdasContainerVersion = "3.5.3" }, "EdasContainerVersion", CodeObviously},
		{"Python version unknown", referencePython, func(t *Template) { t.Python = "PYTHON 2.7" }, "Python", CodeObviously},
		{"ACR image on Docker Hub", referenceImage, func(t *Template) { t.AcrInstanceId = "cri-xxxxxx"; t.ImageUrl = "nginx:latest" }, "ImageUrl", CodeAcrDomain},
		{"ACR instance with a personal edition image", referenceImage, func(t *Template) { t.AcrInstanceId = "cri-xxxxxx" }, "ImageUrl", CodeAcrDomain},
		{"Enterprise Edition image without instance", referenceImage, func(t *Template) { t.ImageUrl = "myinst-registry.cn-hangzhou.cr.aliyuncs.com/ns/app:1.0" }, "AcrInstanceId", CodeNotEmpty},
		{"host alias underscore", referenceImage, func(t *Template) { t.CustomHostAlias = []HostAlias{{HostName: "my_host", IP: "1.1.1.1"}} }, "CustomHostAlias[0].hostName", CodeHostnameIP},
		{"ACR image on other registry", referenceImage, func(t *Template) { t.AcrInstanceId = "cri-xxxxxx"; t.ImageUrl = "docker.io/library/nginx:1" }, "ImageUrl", CodeAcrDomain},
		{"role ARN malformed", referenceImage, func(t *Template) { t.AcrAssumeRoleArn = "adminrole" }, "AcrAssumeRoleArn", CodeWithMessage},
		{"PHP config location relative", referencePHP, func(t *Template) { t.PhpConfigLocation = "php.ini" }, "PhpConfigLocation", CodeWithMessage},
		{"Tomcat port low", referenceWar, func(t *Template) { t.TomcatConfig.Port = Ptr(80) }, "TomcatConfig.port", CodeObviously},
		{"Tomcat port high", referenceWar, func(t *Template) { t.TomcatConfig.Port = Ptr(70000) }, "TomcatConfig.port", CodeObviously},
		{"Tomcat encoding", referenceWar, func(t *Template) { t.TomcatConfig.UriEncoding = Ptr("UTF-16") }, "TomcatConfig.uriEncoding", CodeObviously},
		{"Tomcat threads", referenceWar, func(t *Template) { t.TomcatConfig.MaxThreads = Ptr(0) }, "TomcatConfig.maxThreads", CodeObviously},
		{"Tomcat context path", referenceWar, func(t *Template) { t.TomcatConfig.ContextPath = Ptr("app") }, "TomcatConfig.contextPath", CodeWithMessage},
		// Resources.
		{"Cpu unsupported", referenceImage, func(t *Template) { t.Cpu = Ptr(3000) }, "Cpu", CodeSpec},
		{"Cpu zero", referenceImage, func(t *Template) { t.Cpu = Ptr(0) }, "Cpu", CodeSpec},
		{"Memory unsupported", referenceImage, func(t *Template) { t.Memory = Ptr(3000) }, "Memory", CodeSpec},
		{"Memory zero", referenceImage, func(t *Template) { t.Memory = Ptr(0) }, "Memory", CodeSpec},
		{"Cpu and Memory do not pair", referenceImage, func(t *Template) { t.Cpu = Ptr(500); t.Memory = Ptr(4096) }, "Memory", CodeSpec},
		{"32000 with 1024", referenceImage, func(t *Template) { t.Cpu = Ptr(32000); t.Memory = Ptr(1024) }, "Memory", CodeSpec},
		{"12000 with 16384", referenceImage, func(t *Template) { t.Cpu = Ptr(12000); t.Memory = Ptr(16384) }, "Memory", CodeSpec},
		{"Replicas missing", referenceImage, func(t *Template) { t.Replicas = nil }, "Replicas", CodeNotEmpty},
		{"Replicas zero", referenceImage, func(t *Template) { t.Replicas = Ptr(0) }, "Replicas", CodeObviously},
		{"grace period 0", referenceImage, func(t *Template) { t.TerminationGracePeriodSeconds = Ptr(0) }, "TerminationGracePeriodSeconds", CodeObviously},
		{"grace period 301", referenceImage, func(t *Template) { t.TerminationGracePeriodSeconds = Ptr(301) }, "TerminationGracePeriodSeconds", CodeObviously},
		{"Timeout 0", referenceImage, func(t *Template) { t.Timeout = Ptr(0) }, "Timeout", CodeObviously},
		{"BackoffLimit negative", referenceImage, func(t *Template) { t.BackoffLimit = Ptr(-1) }, "BackoffLimit", CodeObviously},
		{"ConcurrencyPolicy", referenceImage, func(t *Template) { t.ConcurrencyPolicy = "Sometimes" }, "ConcurrencyPolicy", CodeObviously},
		// Command, environment, hosts, hooks, time zone.
		{"env without name", referenceImage, func(t *Template) { t.Envs = []Env{{Value: Ptr("1")}} }, "Envs[0].name", CodeNotEmpty},
		{"env bad name", referenceImage, func(t *Template) { t.Envs = []Env{{Name: "1ABC", Value: Ptr("1")}} }, "Envs[0].name", CodeWithMessage},
		{"env configmap without id", referenceImage, func(t *Template) { t.Envs = []Env{{Name: "A", FromConfigMap: true, Key: Ptr("k")}} }, "Envs[0].configMapId", CodeNotEmpty},
		{"env configmap without key", referenceImage, func(t *Template) { t.Envs = []Env{{Name: "A", FromConfigMap: true, ConfigMapId: Ptr[int64](3)}} }, "Envs[0].key", CodeNotEmpty},
		{"env configmap all with key", referenceImage, func(t *Template) {
			t.Envs = []Env{{Name: "sae-sys-configmap-all-x", FromConfigMap: true, ConfigMapId: Ptr[int64](3), Key: Ptr("k")}}
		}, "Envs[0].key", CodeWithMessage},
		{"env configmap and value", referenceImage, func(t *Template) {
			t.Envs = []Env{{Name: "A", Value: Ptr("v"), FromConfigMap: true, ConfigMapId: Ptr[int64](3), Key: Ptr("k")}}
		}, "Envs[0].value", CodeWithMessage},
		{"host alias bad ip", referenceImage, func(t *Template) { t.CustomHostAlias = []HostAlias{{HostName: "a", IP: "300.1.1.1"}} }, "CustomHostAlias[0].ip", CodeHostnameIP},
		{"host alias bad name", referenceImage, func(t *Template) { t.CustomHostAlias = []HostAlias{{HostName: "bad host", IP: "1.1.1.1"}} }, "CustomHostAlias[0].hostName", CodeHostnameIP},
		{"host alias no ip", referenceImage, func(t *Template) { t.CustomHostAlias = []HostAlias{{HostName: "a"}} }, "CustomHostAlias[0].ip", CodeNotEmpty},
		{"hook without command", referenceImage, func(t *Template) { t.PreStop = &Hook{Exec: &ExecAction{}} }, "PreStop", CodeWithMessage},
		{"hook without exec", referenceImage, func(t *Template) { t.PostStart = &Hook{} }, "PostStart", CodeWithMessage},
		{"Timezone unknown", referenceImage, func(t *Template) { t.Timezone = "Mars/Olympus" }, "Timezone", CodeObviously},
		{"Timezone GMT form", referenceImage, func(t *Template) { t.Timezone = "GMT+8:00" }, "Timezone", CodeObviously},
		{"Timezone Local", referenceImage, func(t *Template) { t.Timezone = "Local" }, "Timezone", CodeObviously},
		// Logs.
		{"two stdout", referenceImage, func(t *Template) {
			t.SlsConfigs = []SlsConfig{{LogType: Ptr("stdout")}, {LogType: Ptr("stdout")}}
		}, "SlsConfigs[1].logType", CodeWithMessage},
		{"logType unknown", referenceImage, func(t *Template) { t.SlsConfigs = []SlsConfig{{LogType: Ptr("file"), LogDir: Ptr("/tmp/a.log")}} }, "SlsConfigs[0].logType", CodeObviously},
		{"file log without dir", referenceImage, func(t *Template) { t.SlsConfigs = []SlsConfig{{LogDir: Ptr("")}} }, "SlsConfigs[0].logDir", CodeLogDir},
		{"file log relative", referenceImage, func(t *Template) { t.SlsConfigs = []SlsConfig{{LogDir: Ptr("logs/a.log")}} }, "SlsConfigs[0].logDir", CodeLogDir},
		{"project without logstore", referenceImage, func(t *Template) {
			t.SlsConfigs = []SlsConfig{{ProjectName: Ptr("p"), LogType: Ptr("stdout")}}
		}, "SlsConfigs[0].logstoreName", CodeSlsNoLogstore},
		{"logstore without project", referenceImage, func(t *Template) {
			t.SlsConfigs = []SlsConfig{{LogstoreName: Ptr("s"), LogType: Ptr("stdout")}}
		}, "SlsConfigs[0].projectName", CodeSlsNoProject},
		{"project sae- prefix", referenceImage, func(t *Template) {
			t.SlsConfigs = []SlsConfig{{ProjectName: Ptr("sae-x"), LogstoreName: Ptr("s"), LogType: Ptr("stdout")}}
		}, "SlsConfigs[0].projectName", CodeSlsProjectName},
		{"logstore sae- prefix", referenceImage, func(t *Template) {
			t.SlsConfigs = []SlsConfig{{ProjectName: Ptr("p"), LogstoreName: Ptr("sae-s"), LogType: Ptr("stdout")}}
		}, "SlsConfigs[0].logstoreName", CodeSlsLogstoreName},
		{"two projects", referenceImage, func(t *Template) {
			must(t.SetWire("SlsConfigs", `[{"projectName":"test-sls","logType":"stdout","logDir":"","logstoreName":"sae","logtailName":""},{"projectName":"test","logDir":"/tmp/a.log","logstoreName":"sae","logtailName":""}]`))
		}, "SlsConfigs", CodeSlsMultiProject},
		{"user and managed projects", referenceImage, func(t *Template) {
			t.SlsConfigs = []SlsConfig{{ProjectName: Ptr("p"), LogstoreName: Ptr("s"), LogType: Ptr("stdout")}, {LogDir: Ptr("/tmp/a.log")}}
		}, "SlsConfigs", CodeSlsMultiProject},
		{"log in NAS mount", referenceFatJar, func(t *Template) { t.MountDesc[0].MountPath = "/tmp" }, "SlsConfigs[1].logDir", CodeVolumePath},
		{"log in NasConfigs mount", referenceFatJar, func(t *Template) { t.NasConfigs[0].MountPath = "/tmp" }, "SlsConfigs[1].logDir", CodeVolumePath},
		// Mounts.
		{"MountDesc relative", referenceFatJar, func(t *Template) { t.MountDesc[0].MountPath = "data" }, "MountDesc[0].mountPath", CodeWithMessage},
		{"MountDesc without nasPath", referenceFatJar, func(t *Template) { t.MountDesc[0].NasPath = "" }, "MountDesc[0].nasPath", CodeNotEmpty},
		{"NasConfigs without nasId", referenceFatJar, func(t *Template) { t.NasConfigs[0].NasId = "" }, "NasConfigs[0].nasId", CodeNotEmpty},
		{"NasConfigs without domain", referenceFatJar, func(t *Template) { t.NasConfigs[0].MountDomain = "" }, "NasConfigs[0].mountDomain", CodeNotEmpty},
		{"same mount path twice", referenceFatJar, func(t *Template) { t.NasConfigs[0].MountPath = "/mnt/nas" }, "NasConfigs[0].mountPath", CodeWithMessage},
		{"OSS without bucket", referenceFatJar, func(t *Template) { t.OssMountDescs[0].BucketName = "" }, "OssMountDescs[0].bucketName", CodeNotEmpty},
		{"OSS relative mount", referenceFatJar, func(t *Template) { t.OssMountDescs[0].MountPath = "x" }, "OssMountDescs[0].mountPath", CodeWithMessage},
		{"ConfigMap mount twice", referenceFatJar, func(t *Template) {
			t.ConfigMapMountDesc = append(t.ConfigMapMountDesc, ConfigMapMount{ConfigMapId: 17, Key: "b", MountPath: "/etc/conf"})
		}, "ConfigMapMountDesc[1].mountPath", CodeMountConfigMap},
		{"ConfigMap mount same path once cleaned", referenceFatJar, func(t *Template) {
			t.ConfigMapMountDesc = append(t.ConfigMapMountDesc, ConfigMapMount{ConfigMapId: 17, Key: "b", MountPath: "/etc/conf/"})
		}, "ConfigMapMountDesc[1].mountPath", CodeMountConfigMap},
		{"ConfigMap mount on a NAS mount", referenceFatJar, func(t *Template) { t.ConfigMapMountDesc[0].MountPath = "/mnt/nas" }, "ConfigMapMountDesc[0].mountPath", CodeMountConfigMap},
		{"ConfigMap mount on an OSS mount", referenceFatJar, func(t *Template) { t.ConfigMapMountDesc[0].MountPath = "/usr/data/user.data" }, "ConfigMapMountDesc[0].mountPath", CodeMountConfigMap},
		{"ConfigMap mount without id", referenceFatJar, func(t *Template) { t.ConfigMapMountDesc[0].ConfigMapId = 0 }, "ConfigMapMountDesc[0].configMapId", CodeNotEmpty},
		{"ConfigMap mount without key", referenceFatJar, func(t *Template) { t.ConfigMapMountDesc[0].Key = "" }, "ConfigMapMountDesc[0].key", CodeNotEmpty},
		// Trigger.
		{"trigger without type", referenceImage, func(t *Template) { t.TriggerConfig = &TriggerConfig{Cron: "0 1 * * ?"} }, "TriggerConfig.type", CodeNotEmpty},
		{"trigger type unknown", referenceImage, func(t *Template) { t.TriggerConfig = &TriggerConfig{Type: "cron", Cron: "0 1 * * ?"} }, "TriggerConfig.type", CodeObviously},
		{"cron missing", referenceImage, func(t *Template) { t.TriggerConfig = &TriggerConfig{Type: "time"} }, "TriggerConfig.config", CodeNotEmpty},
		{"cron four fields", referenceImage, func(t *Template) { t.TriggerConfig = &TriggerConfig{Type: "time", Cron: "0 1 * *"} }, "TriggerConfig.config", CodeWithMessage},
		{"cron out of range", referenceImage, func(t *Template) { t.TriggerConfig = &TriggerConfig{Type: "time", Cron: "61 1 * * ?"} }, "TriggerConfig.config", CodeWithMessage},
		{"cron L", referenceImage, func(t *Template) { t.TriggerConfig = &TriggerConfig{Type: "time", Cron: "0 1 L * ?"} }, "TriggerConfig.config", CodeWithMessage},
		{"cron garbage", referenceImage, func(t *Template) { t.TriggerConfig = &TriggerConfig{Type: "time", Cron: "every day"} }, "TriggerConfig.config", CodeWithMessage},
		{"trigger zone IANA", referenceImage, func(t *Template) {
			t.TriggerConfig = &TriggerConfig{Type: "time", Cron: "0 1 * * ?", Zone: "Asia/Shanghai"}
		}, "TriggerConfig.timezone", CodeWithMessage},
		{"trigger zone out of range", referenceImage, func(t *Template) {
			t.TriggerConfig = &TriggerConfig{Type: "time", Cron: "0 1 * * ?", Zone: "GMT+15:00"}
		}, "TriggerConfig.timezone", CodeWithMessage},
		{"time trigger with http config", referenceImage, func(t *Template) {
			t.TriggerConfig = &TriggerConfig{Type: "time", HTTP: &HTTPTrigger{Type: "HTTPS"}}
		}, "TriggerConfig.config", CodeWithMessage},
		{"http trigger with cron", referenceImage, func(t *Template) { t.TriggerConfig = &TriggerConfig{Type: "http", Cron: "0 1 * * ?"} }, "TriggerConfig.config", CodeWithMessage},
		{"http protocol", referencePython, func(t *Template) { t.TriggerConfig.HTTP.Type = "FTP" }, "TriggerConfig.config.type", CodeObviously},
		{"http protocol missing", referencePython, func(t *Template) { t.TriggerConfig.HTTP.Type = "" }, "TriggerConfig.config.type", CodeNotEmpty},
		{"http method missing", referencePython, func(t *Template) { t.TriggerConfig.HTTP.Method = nil }, "TriggerConfig.config.method", CodeNotEmpty},
		{"http method unknown", referencePython, func(t *Template) { t.TriggerConfig.HTTP.Method = []string{"GET", "FETCH"} }, "TriggerConfig.config.method[1]", CodeObviously},
		{"http security unknown", referencePython, func(t *Template) { t.TriggerConfig.HTTP.SecurityConfig = "token" }, "TriggerConfig.config.securityConfig", CodeObviously},
		{"http ip mode without ips", referencePython, func(t *Template) { t.TriggerConfig.HTTP.SecurityConfig = "ip" }, "TriggerConfig.config.ip", CodeNotEmpty},
		{"http referer mode without referers", referencePython, func(t *Template) { t.TriggerConfig.HTTP.SecurityConfig = "referer" }, "TriggerConfig.config.referer", CodeNotEmpty},
		{"http bad ip", referencePython, func(t *Template) {
			t.TriggerConfig.HTTP.SecurityConfig = "ip"
			t.TriggerConfig.HTTP.IP = []string{"10.0.0.300"}
		}, "TriggerConfig.config.ip[0]", CodeWithMessage},
		// A PHP job needs its package.
		{"PhpZip without PackageUrl", referencePhpZip, func(t *Template) { t.PackageUrl = "" }, "PackageUrl", CodeNotEmpty},
		{"IMAGE_PHP without ImageUrl", referencePHP, func(t *Template) { t.ImageUrl = "" }, "ImageUrl", CodeNotEmpty},
		{"IMAGE_PHP alpine without ImageUrl", referencePHP, func(t *Template) { t.PackageType = "IMAGE_PHP_5_4_ALPINE"; t.ImageUrl = "" }, "ImageUrl", CodeNotEmpty},
		// Integers within the API's types.
		{"Replicas above int32", referenceImage, func(t *Template) { t.Replicas = Ptr(3000000000) }, "Replicas", CodeObviously},
		{"Replicas at int32 max is fine, one more is not", referenceImage, func(t *Template) { t.Replicas = Ptr(math.MaxInt32 + 1) }, "Replicas", CodeObviously},
		{"grace period above int32", referenceImage, func(t *Template) { t.TerminationGracePeriodSeconds = Ptr(1 << 40) }, "TerminationGracePeriodSeconds", CodeObviously},
		{"Cpu above int32", referenceImage, func(t *Template) { t.Cpu = Ptr(1 << 40) }, "Cpu", CodeSpec},
		{"Memory above int32", referenceImage, func(t *Template) { t.Memory = Ptr(1 << 40) }, "Memory", CodeSpec},
		{"BackoffLimit far below", referenceImage, func(t *Template) { t.BackoffLimit = Ptr(math.MinInt64) }, "BackoffLimit", CodeObviously},
		{"SliceEnvs infinite", referenceImage, func(t *Template) { must(t.SetWire("SliceEnvs", "[1,1e999]")); t.Slice = Ptr(true) }, "SliceEnvs[1]", CodeWithMessage},
		{"SliceEnvs minus infinite", referenceImage, func(t *Template) { must(t.SetWire("SliceEnvs", "[-1e999]")); t.Slice = Ptr(true) }, "SliceEnvs[0]", CodeWithMessage},
		// NamespaceId is REGION or REGION:name.
		{"namespace without region", referenceImage, func(t *Template) { t.NamespaceId = "batch" }, "NamespaceId", CodeObviously},
		{"namespace with a place for a region", referenceImage, func(t *Template) { t.NamespaceId = "hangzhou:batch" }, "NamespaceId", CodeObviously},
		{"namespace with an empty name", referenceImage, func(t *Template) { t.NamespaceId = "cn-hangzhou:" }, "NamespaceId", CodeObviously},
		{"namespace with two colons", referenceImage, func(t *Template) { t.NamespaceId = "cn-hangzhou:a:b" }, "NamespaceId", CodeObviously},
		{"namespace with an empty region", referenceImage, func(t *Template) { t.NamespaceId = ":batch" }, "NamespaceId", CodeObviously},
		{"namespace region with underscore", referenceImage, func(t *Template) { t.NamespaceId = "cn_hangzhou:batch" }, "NamespaceId", CodeObviously},
		{"namespace name starts with digit", referenceImage, func(t *Template) { t.NamespaceId = "cn-beijing:1test" }, "NamespaceId", CodeObviously},
		// OSS bucket names.
		{"bucket uppercase and underscore", referenceFatJar, func(t *Template) { t.OssMountDescs[0].BucketName = "My_Bucket" }, "OssMountDescs[0].bucketName", CodeWithMessage},
		{"bucket too short", referenceFatJar, func(t *Template) { t.OssMountDescs[0].BucketName = "ab" }, "OssMountDescs[0].bucketName", CodeWithMessage},
		{"bucket too long", referenceFatJar, func(t *Template) { t.OssMountDescs[0].BucketName = strings.Repeat("b", 64) }, "OssMountDescs[0].bucketName", CodeWithMessage},
		{"bucket leading hyphen", referenceFatJar, func(t *Template) { t.OssMountDescs[0].BucketName = "-bucket" }, "OssMountDescs[0].bucketName", CodeWithMessage},
		{"bucket trailing hyphen", referenceFatJar, func(t *Template) { t.OssMountDescs[0].BucketName = "bucket-" }, "OssMountDescs[0].bucketName", CodeWithMessage},
		{"bucket with a dot", referenceFatJar, func(t *Template) { t.OssMountDescs[0].BucketName = "my.bucket" }, "OssMountDescs[0].bucketName", CodeWithMessage},
		// Hidden characters where SAE could not want them: one problem, no other rule on that field.
		{"AppName with escape", referenceImage, func(t *Template) { t.AppName = "job\x1b[2K" }, "AppName", CodeWithMessage},
		{"NamespaceId with bidi override", referenceImage, func(t *Template) { t.NamespaceId = "cn-beijing:te\u202est" }, "NamespaceId", CodeWithMessage},
		{"VpcId with carriage return", referenceImage, func(t *Template) { t.VpcId = "vpc-1\rvpc-2" }, "VpcId", CodeWithMessage},
		{"VSwitchId with NUL", referenceImage, func(t *Template) { t.VSwitchId = "vsw-1\x00" }, "VSwitchId", CodeWithMessage},
		{"SecurityGroupId with zero-width space", referenceImage, func(t *Template) { t.SecurityGroupId = "sg-\u200b1" }, "SecurityGroupId", CodeWithMessage},
		{"ImageUrl with newline", referenceImage, func(t *Template) { t.ImageUrl += "\n" }, "ImageUrl", CodeWithMessage},
		{"PackageUrl with escape", referenceFatJar, func(t *Template) { t.PackageUrl += "\x1b]8;;x\x07" }, "PackageUrl", CodeWithMessage},
		{"AcrInstanceId with escape", referenceImage, func(t *Template) {
			t.ImageUrl = "myinst-registry.cn-hangzhou.cr.aliyuncs.com/ns/app:1.0"
			t.AcrInstanceId = "cri-\x1b[8m1"
		}, "AcrInstanceId", CodeWithMessage},
		{"RefAppId with bidi isolate", referenceImage, func(t *Template) { t.RefAppId = "\u2066abc" }, "RefAppId", CodeWithMessage},
		{"OssAkId with escape", referenceFatJar, func(t *Template) { t.OssAkId = "ak\x1b[2K" }, "OssAkId", CodeWithMessage},
		{"env name with escape", referenceImage, func(t *Template) { t.Envs = []Env{{Name: "A\x1b[2K", Value: Ptr("1")}} }, "Envs[0].name", CodeWithMessage},
		{"host name with escape", referenceImage, func(t *Template) { t.CustomHostAlias = []HostAlias{{HostName: "a\x1b", IP: "1.1.1.1"}} }, "CustomHostAlias[0].hostName", CodeWithMessage},
		{"bucket name with escape", referenceFatJar, func(t *Template) { t.OssMountDescs[0].BucketName = "bucket\x1b" }, "OssMountDescs[0].bucketName", CodeWithMessage},
		{"mount path with bidi override", referenceFatJar, func(t *Template) { t.MountDesc[0].MountPath = "/mnt/\u202enas" }, "MountDesc[0].mountPath", CodeWithMessage},
		{"cron with carriage return", referenceImage, func(t *Template) { t.TriggerConfig = &TriggerConfig{Type: "time", Cron: "0 1 * * ?\r"} }, "TriggerConfig.config", CodeWithMessage},
		// Secrets must not reference the credentials saejob signs with.
		{"OssAkSecret from the access key secret", referenceFatJar, func(t *Template) { t.OssAkSecret = "${ALIBABA_CLOUD_ACCESS_KEY_SECRET}" }, "OssAkSecret", CodeWithMessage},
		{"OssAkSecret from the STS token", referenceFatJar, func(t *Template) { t.OssAkSecret = "${ALIBABA_CLOUD_SECURITY_TOKEN}" }, "OssAkSecret", CodeWithMessage},
		{"OssAkSecret from Terraform's secret", referenceFatJar, func(t *Template) { t.OssAkSecret = "${ALICLOUD_SECRET_KEY}" }, "OssAkSecret", CodeWithMessage},
		{"OssAkSecret from the aliyun CLI's secret", referenceFatJar, func(t *Template) { t.OssAkSecret = "${ACCESS_KEY_SECRET}" }, "OssAkSecret", CodeWithMessage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tpl := c.base()
			if ps := tpl.Validate().Errors(); len(ps) != 0 {
				t.Fatalf("base template is not valid:\n%s", dump(ps))
			}
			c.edit(tpl)
			checkProblemPaths(t, tpl.Validate())
			errs := tpl.Validate().Errors()
			if len(errs) != 1 || errs[0].Field != c.field || errs[0].Code != c.code {
				t.Fatalf("want exactly %s [%s], got:\n%s", c.field, c.code, dump(errs))
			}
			if msg := errs[0].Message; msg == "" || strings.Contains(msg, "%!") || !(strings.HasSuffix(msg, ".") || strings.HasSuffix(msg, "?")) {
				t.Errorf("message is not one finished sentence: %q", msg)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	cases := []struct {
		name  string
		base  func() *Template
		edit  func(*Template)
		field string
	}{
		{"AutoConfig ignores network", referenceFatJar, func(t *Template) { t.AutoConfig = Ptr(true) }, "NamespaceId"},
		{"JarStartArgs on War", referenceWar, func(t *Template) { t.JarStartArgs = "-x" }, "JarStartArgs"},
		{"WarStartOptions on FatJar", referenceFatJar, func(t *Template) { t.WarStartOptions = "x" }, "WarStartOptions"},
		{"TomcatConfig on Image", referenceImage, func(t *Template) { t.TomcatConfig = &TomcatConfig{Port: Ptr(8080)} }, "TomcatConfig"},
		{"SliceEnvs without Slice", referenceImage, func(t *Template) { must(t.SetWire("SliceEnvs", "[1]")) }, "SliceEnvs"},
		{"env twice", referenceImage, func(t *Template) { t.Envs = []Env{{Name: "A", Value: Ptr("1")}, {Name: "A", Value: Ptr("2")}} }, "Envs[1].name"},
		{"MountDesc without NasId", referenceFatJar, func(t *Template) { t.NasId = "" }, "NasId"},
		{"NasId without MountDesc", referenceImage, func(t *Template) { t.NasId = "x"; t.MountHost = "x.com" }, "MountDesc"},
		{"OSS without AK", referenceFatJar, func(t *Template) { t.OssAkId = "" }, "OssAkId"},
		{"OSS without secret", referenceFatJar, func(t *Template) { t.OssAkSecret = "" }, "OssAkSecret"},
		{"PackageUrl on Image", referenceImage, func(t *Template) { t.PackageUrl = "https://a.example.com/a.jar" }, "PackageUrl"},
		{"timezone on http trigger", referencePython, func(t *Template) { t.TriggerConfig.Zone = "GMT+8:00" }, "TriggerConfig.timezone"},
		// A well-formed region SAE is not known to serve: regions are added over time.
		{"namespace in an unknown region", referenceImage, func(t *Template) { t.NamespaceId = "me-central-1:batch" }, "NamespaceId"},
		{"default namespace of an unknown region", referenceImage, func(t *Template) { t.NamespaceId = "cn-nowhere" }, "NamespaceId"},
		{"namespace region with a typo", referenceImage, func(t *Template) { t.NamespaceId = "cn-hangzou:batch" }, "NamespaceId"},
		// Hidden characters in free text: a warning.
		{"Command with escape", referenceImage, func(t *Template) { t.Command = "rm -rf /data\x1b[2K\rsh" }, "Command"},
		{"AppDescription with bidi override", referenceImage, func(t *Template) { t.AppDescription = "safe \u202eexe.txt" }, "AppDescription"},
		{"JarStartArgs with escape", referenceFatJar, func(t *Template) { t.JarStartArgs = "-Xmx1G\x1b[2K" }, "JarStartArgs"},
		{"command argument with escape", referenceImage, func(t *Template) { t.CommandArgs = []string{"-c", "echo\x1b[2K"} }, "CommandArgs[1]"},
		{"env value with escape", referenceImage, func(t *Template) { t.Envs = []Env{{Name: "A", Value: Ptr("x\x1b[31m")}} }, "Envs[0].value"},
		{"hook word with bell", referenceImage, func(t *Template) { t.PreStop = &Hook{Exec: &ExecAction{Command: []string{"sh", "-c", "echo\x07"}}} }, "PreStop.exec.command[2]"},
		{"shard value with escape", referenceImage, func(t *Template) { must(t.SetWire("SliceEnvs", `["a\u001b[2K"]`)); t.Slice = Ptr(true) }, "SliceEnvs[0]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tpl := c.base()
			c.edit(tpl)
			ps := tpl.Validate()
			checkProblemPaths(t, ps)
			if !ps.Valid() {
				t.Fatalf("a warning must not make the template invalid:\n%s", dump(ps))
			}
			found := false
			for _, p := range ps.Warnings() {
				found = found || p.Field == c.field
			}
			if !found {
				t.Fatalf("want a warning on %s, got:\n%s", c.field, dump(ps))
			}
		})
	}
	if ps := referenceFatJar(); len(func() Problems { ps.AutoConfig = Ptr(true); return ps.Validate().Warnings() }()) != 4 {
		t.Errorf("AutoConfig should warn about each of the 4 network fields")
	}
}

func TestAllProblemsAtOnce(t *testing.T) {
	tpl := &Template{Cpu: Ptr(3000), TriggerConfig: &TriggerConfig{Type: "time", Cron: "bad"}}
	errs := tpl.Validate().Errors()
	want := []string{"AppName", "PackageType", "Cpu", "Replicas", "TriggerConfig.config"}
	got := map[string]bool{}
	for _, p := range errs {
		got[p.Field] = true
	}
	for _, f := range want {
		if !got[f] {
			t.Errorf("missing a problem on %s; got:\n%s", f, dump(errs))
		}
	}
}

// TestEveryCodeIsCatalogued makes sure validation speaks only the catalogue's codes.
func TestEveryCodeIsCatalogued(t *testing.T) {
	for _, c := range []string{CodeNotEmpty, CodeObviously, CodeWithMessage, CodeFileName, CodeSpec, CodePackageType,
		CodeComponent, CodeJarMissingJdk, CodeWarMissing, CodePandoraOnlyJdk, CodePhpRuntime, CodeNamespaceUpper,
		CodeHostnameIP, CodeLogDir, CodeVolumePath, CodeMountConfigMap, CodeSlsMultiProject, CodeSlsNoLogstore,
		CodeSlsNoProject, CodeSlsLogstoreName, CodeSlsProjectName, CodeAcrDomain} {
		if _, ok := Explain(c); !ok {
			t.Errorf("code %s is not in the catalogue", c)
		}
	}
}

func TestSpecTable(t *testing.T) {
	valid := map[[2]int]bool{}
	for mem, cpus := range memoryCPUs {
		for _, c := range cpus {
			valid[[2]int{c, mem}] = true
		}
	}
	for _, c := range CPUs {
		for _, m := range Memories {
			tpl := referenceImage()
			tpl.Cpu, tpl.Memory = Ptr(c), Ptr(m)
			ok := tpl.Validate().Valid()
			if ok != valid[[2]int{c, m}] {
				t.Errorf("Cpu %d Memory %d: valid=%v, table says %v", c, m, ok, valid[[2]int{c, m}])
			}
		}
	}
	if len(valid) != 21 {
		t.Errorf("the reference's memory table has 21 pairs, got %d", len(valid))
	}
	if got := MemoriesFor(1000); fmt.Sprint(got) != "[1024 2048 4096]" {
		t.Errorf("MemoriesFor(1000) = %v", got)
	}
}

func TestWireRoundTrip(t *testing.T) {
	for name, tpl := range map[string]*Template{"fatjar": referenceFatJar(), "python": referencePython(), "war": referenceWar()} {
		t.Run(name, func(t *testing.T) {
			back, err := FromWire(tpl.WireMap(true))
			if err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(tpl.WireMap(true))
			b, _ := json.Marshal(back.WireMap(true))
			if string(a) != string(b) {
				t.Errorf("round trip changed the request:\n%s\n%s", a, b)
			}
		})
	}
}

func TestWireValues(t *testing.T) {
	tpl := referenceFatJar()
	w := tpl.WireMap(false)
	want := map[string]string{
		"Workload":      "job",
		"SlsConfigs":    `[{"logType":"stdout","logDir":""},{"logDir":"/tmp/a.log"}]`,
		"TriggerConfig": `{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}`,
		"SliceEnvs":     `[0,1,2]`,
		"MountDesc":     `[{"mountPath":"/mnt/nas","nasPath":"/"}]`,
		"Envs":          `[{"name":"envtmp","value":"0"}]`,
		"OssAkSecret":   Mask,
		"Cpu":           "1000",
		"AutoConfig":    "false",
	}
	for k, v := range want {
		if w[k] != v {
			t.Errorf("%s = %q, want %q", k, w[k], v)
		}
	}
	if got := tpl.WireMap(true)["OssAkSecret"]; got != "xxxxxx" {
		t.Errorf("secret shown = %q", got)
	}
	http := referencePython().WireMap(false)["TriggerConfig"]
	if http != `{"type":"http","config":{"type":"HTTPS","method":["GET"],"ip":[],"referer":[],"securityConfig":"none"}}` {
		t.Errorf("http trigger on the wire: %s", http)
	}
	if _, ok := (&Template{}).WireMap(false)["Replicas"]; ok {
		t.Error("an unset parameter must not be sent")
	}
}

func TestParseJSONParamErrors(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"Envs", `[{"name":"a","vaule":"1"}]`, `did you mean "value"`},
		{"Envs", `{"name":"a"}`, "list"},
		{"CustomHostAlias", `[{"host":"a","ip":"1.1.1.1"}]`, `unknown key "host"`},
		{"TriggerConfig", `{"type":"time","config":"0 1 * * ?","tz":"GMT+8:00"}`, `unknown key "tz"`},
		{"CommandArgs", `["a",{"b":1}]`, "string"},
		{"TomcatConfig", `{"port":"eighty"}`, "number"},
		{"SliceEnvs", `[[1]]`, "string or a number"},
		{"MountDesc", `[{mountPath: "/tmp", nasPath: "/"`, "not valid JSON"},
		{"Envs", `[{"name":"a"}] x`, "after"},
	}
	for _, c := range cases {
		err := (&Template{}).ParseJSONParam(c.name, c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %s: got %v, want it to mention %q", c.name, c.text, err, c.want)
		}
	}
}

func BenchmarkValidateTypical(b *testing.B) {
	tpl := referenceFatJar()
	b.ReportAllocs()
	for b.Loop() {
		tpl.Validate()
	}
}

func TestWireKeepsHTMLCharacters(t *testing.T) {
	tpl := referencePython()
	tpl.TriggerConfig.HTTP.Type = "HTTP&HTTPS"
	tpl.CommandArgs = []string{"a<b", "c>d"}
	w := tpl.WireMap(false)
	if !strings.Contains(w["TriggerConfig"], `"HTTP&HTTPS"`) || w["CommandArgs"] != `["a<b","c>d"]` {
		t.Errorf("HTML characters escaped on the wire: %s %s", w["TriggerConfig"], w["CommandArgs"])
	}
}

func TestLooseScalarsInJSONParams(t *testing.T) {
	tpl := &Template{}
	must(tpl.ParseJSONParam("CommandArgs", `["-n", 5, true]`))
	if fmt.Sprint(tpl.CommandArgs) != "[-n 5 true]" {
		t.Errorf("CommandArgs = %q", tpl.CommandArgs)
	}
	must(tpl.ParseJSONParam("TomcatConfig", `{"port":"8080","useBodyEncodingForUri":"true"}`))
	if *tpl.TomcatConfig.Port != 8080 || !*tpl.TomcatConfig.UseBodyEncodingForUri {
		t.Errorf("TomcatConfig = %+v", tpl.TomcatConfig)
	}
	must(tpl.ParseJSONParam("PreStop", `{"exec":{"command":["sleep", 10]}}`))
	if tpl.PreStop.Exec.Command[1] != "10" {
		t.Errorf("PreStop = %+v", tpl.PreStop.Exec)
	}
	if err := tpl.ParseJSONParam("TomcatConfig", `{"port":"eighty"}`); err == nil {
		t.Error("a port that is not a number must stay an error")
	}
}

func TestExplainGatewayCodes(t *testing.T) {
	for _, code := range []string{"SignatureDoesNotMatch", "invalidaccesskeyid.notfound", "Forbidden.RAM", "Throttling.User"} {
		c, ok := Explain(code)
		if !ok || c.Meaning == "" || c.Fix == "" {
			t.Errorf("%s: %+v %v", code, c, ok)
		}
	}
	if len(Codes) != 44 {
		t.Errorf("the reference's catalogue has 44 codes, got %d", len(Codes))
	}
}

// TestMessagesCountFromOne checks that list positions in messages count from
// 1, as the wizard shows them, while field paths stay 0-based machine paths.
func TestMessagesCountFromOne(t *testing.T) {
	cases := []struct {
		name  string
		base  func() *Template
		edit  func(*Template)
		field string
		want  string
	}{
		{"env without name", referenceImage, func(t *Template) { t.Envs = []Env{{Value: Ptr("1")}} }, "Envs[0].name", "Environment variable 1 needs a name."},
		{"second host alias", referenceImage, func(t *Template) {
			t.CustomHostAlias = []HostAlias{{HostName: "a", IP: "1.1.1.1"}, {HostName: "b"}}
		}, "CustomHostAlias[1].ip", "Host alias 2 needs an ip."},
		{"OSS mount", referenceFatJar, func(t *Template) { t.OssMountDescs[0].BucketPath = "" }, "OssMountDescs[0].bucketPath", "OSS mount 1 needs bucketPath"},
		{"NAS mount", referenceFatJar, func(t *Template) { t.MountDesc[0].NasPath = "" }, "MountDesc[0].nasPath", "NAS mount 1 needs a nasPath"},
		{"NAS config", referenceFatJar, func(t *Template) { t.NasConfigs[0].NasId = "" }, "NasConfigs[0].nasId", "NAS config 1 needs nasId"},
		{"ConfigMap mount", referenceFatJar, func(t *Template) { t.ConfigMapMountDesc[0].Key = "" }, "ConfigMapMountDesc[0].key", "ConfigMap mount 1 needs a key"},
		{"log config", referenceImage, func(t *Template) { t.SlsConfigs = []SlsConfig{{LogType: Ptr("stdout")}, {LogDir: Ptr("")}} }, "SlsConfigs[1].logDir", "Log config 2 collects a file"},
		{"two stdout", referenceImage, func(t *Template) { t.SlsConfigs = []SlsConfig{{LogType: Ptr("stdout")}, {LogType: Ptr("stdout")}} }, "SlsConfigs[1].logType", "log configs 1 and 2 both"},
		{"mount path taken", referenceFatJar, func(t *Template) { t.NasConfigs[0].MountPath = "/mnt/nas" }, "NasConfigs[0].mountPath", "mountPath /mnt/nas of NAS config 1 is already used by NAS mount 1"},
		{"ConfigMap on OSS", referenceFatJar, func(t *Template) { t.ConfigMapMountDesc[0].MountPath = "/usr/data/user.data" }, "ConfigMapMountDesc[0].mountPath", "ConfigMap mount 1 uses /usr/data/user.data, which OSS mount 1 already uses"},
		{"log on NAS", referenceFatJar, func(t *Template) { t.MountDesc[0].MountPath = "/tmp" }, "SlsConfigs[1].logDir", "(NAS mount 1)"},
		{"empty referer", referencePython, func(t *Template) {
			t.TriggerConfig.HTTP.SecurityConfig = "referer"
			t.TriggerConfig.HTTP.Referer = []string{"a.example.com", " "}
		}, "TriggerConfig.config.referer[1]", "Referer 2 is empty"},
		{"shard", referenceImage, func(t *Template) { must(t.SetWire("SliceEnvs", "[1e999]")); t.Slice = Ptr(true) }, "SliceEnvs[0]", "Shard 1's value 1e999"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tpl := c.base()
			c.edit(tpl)
			for _, p := range tpl.Validate() {
				if p.Field == c.field {
					if !strings.Contains(p.Message, c.want) {
						t.Errorf("message %q, want it to say %q", p.Message, c.want)
					}
					return
				}
			}
			t.Errorf("no problem on %s:\n%s", c.field, dump(tpl.Validate()))
		})
	}
	// The duplicate-variable warning names both variables by position.
	tpl := referenceImage()
	tpl.Envs = []Env{{Name: "A", Value: Ptr("1")}, {Name: "B", Value: Ptr("1")}, {Name: "A", Value: Ptr("2")}}
	if w := tpl.Validate().Warnings(); len(w) != 1 || w[0].Field != "Envs[2].name" || !strings.Contains(w[0].Message, "variables 1 and 3") {
		t.Errorf("duplicate variable:\n%s", dump(w))
	}
}

// TestHiddenCharactersNeverShowRaw checks that a value holding control
// characters or bidi overrides is shown escaped in every message, and that
// a secret's value is not shown at all.
func TestHiddenCharactersNeverShowRaw(t *testing.T) {
	tpl := referenceFatJar()
	tpl.AppName = "job\x1b[2K"
	tpl.NamespaceId = "cn-beijing:x\u202e"
	tpl.Command = "rm -rf /data\x1b[2K\rsh"
	tpl.CommandArgs = []string{"a\x07"}
	tpl.Envs = []Env{{Name: "N\x1b", Value: Ptr("v\x1b[31m")}}
	tpl.OssMountDescs[0].BucketName = "b\x1bucket"
	tpl.OssAkSecret = "s3cr3t\x1b[8m"
	tpl.PhpConfig = "[PHP]\nmemory_limit = 128M\x1b[2K\n"
	tpl.AppDescription = strings.Repeat("long text ", 20) + "\u202eevil" + strings.Repeat(" tail", 20)
	ps := tpl.Validate()
	seen := map[string]bool{}
	for _, p := range ps {
		seen[p.Field] = true
		if HasHidden(p.Message, false) {
			t.Errorf("%s: raw control characters in %q", p.Field, p.Message)
		}
		if strings.Contains(p.Message, "s3cr3t") {
			t.Errorf("%s: the secret is shown: %q", p.Field, p.Message)
		}
	}
	for _, f := range []string{"AppName", "NamespaceId", "Command", "CommandArgs[0]", "Envs[0].name", "Envs[0].value", "OssMountDescs[0].bucketName", "OssAkSecret", "PhpConfig", "AppDescription"} {
		if !seen[f] {
			t.Errorf("no problem on %s:\n%s", f, dump(ps))
		}
	}
	for _, p := range ps {
		switch p.Field {
		case "Command":
			if p.Severity != Warning || !strings.Contains(p.Message, `"rm -rf /data\e[2K\rsh"`) {
				t.Errorf("Command: %+v", p)
			}
		case "AppName":
			if p.Severity != Error || !strings.Contains(p.Message, `"job\e[2K"`) {
				t.Errorf("AppName: %+v", p)
			}
		case "AppDescription":
			if !strings.Contains(p.Message, `\u202eevil`) || len(p.Message) > 300 {
				t.Errorf("AppDescription is not shown as a short escaped excerpt: %q", p.Message)
			}
		}
	}
	// PhpConfig spans lines: its newlines are fine, the escape is not.
	tpl = referencePHP()
	tpl.PhpConfig = "a=1\n\tb=2\n"
	if ps := tpl.Validate(); len(ps.For("PhpConfig")) != 0 {
		t.Errorf("newlines in PhpConfig are not hidden characters:\n%s", dump(ps))
	}
}

func TestNamespaceMessages(t *testing.T) {
	for _, c := range []struct{ ns, want string }{
		{"batch", "like cn-hangzhou:batch"},
		{"hangzhou:batch", "write it like cn-hangzhou:batch"},
		{"cn-beijing:my_ns", "lowercase letters, digits and hyphens"},
		{"cn-hangzou:batch", "did you mean cn-hangzhou?"},
		{"xx-nowhere-1", "where SAE is not known to run (it runs in cn-hangzhou"},
	} {
		tpl := referenceImage()
		tpl.NamespaceId = c.ns
		ps := tpl.Validate().For("NamespaceId")
		if len(ps) != 1 || !strings.Contains(ps[0].Message, c.want) {
			t.Errorf("%s: want %q in\n%s", c.ns, c.want, dump(ps))
		}
	}
	// Digits are accepted in the name, as the message says.
	for _, ns := range []string{"cn-beijing", "cn-beijing:test2", "cn-beijing:a-1", "ap-southeast-1:jobs", "cn-hongkong:x", "eu-central-1", "us-west-1:w"} {
		tpl := referenceImage()
		tpl.NamespaceId = ns
		if ps := tpl.Validate(); len(ps) != 0 {
			t.Errorf("%s:\n%s", ns, dump(ps))
		}
	}
}

func TestNamespaceRegion(t *testing.T) {
	for _, c := range []struct{ id, want string }{
		{"cn-beijing:test", "cn-beijing"},
		{"cn-beijing", "cn-beijing"},
		{"ap-southeast-1:jobs", "ap-southeast-1"},
		{"cn-shanghai-finance-1:x", "cn-shanghai-finance-1"},
		{"batch", ""},
		{"hangzhou:batch", ""},
		{"", ""},
		{"CN-BEIJING:test", ""},
		{"cn-:x", ""},
		{"c-beijing", ""},
		{"cn-1", ""},
	} {
		if got := NamespaceRegion(c.id); got != c.want {
			t.Errorf("NamespaceRegion(%q) = %q, want %q", c.id, got, c.want)
		}
	}
}

func TestRegionProblems(t *testing.T) {
	tpl := referenceImage()
	tpl.NamespaceId = "cn-beijing:test"
	if ps := tpl.RegionProblems("cn-beijing"); len(ps) != 0 {
		t.Errorf("same region: %v", ps)
	}
	ps := tpl.RegionProblems("cn-hangzhou")
	if len(ps) != 1 || ps.Valid() || ps[0].Field != "NamespaceId" || !strings.Contains(ps[0].Message, "--region cn-beijing") {
		t.Errorf("other region: %s", dump(ps))
	}
	tpl.AutoConfig = Ptr(true)
	if ps := tpl.RegionProblems("cn-hangzhou"); len(ps) != 0 {
		t.Errorf("AutoConfig ignores NamespaceId: %v", ps)
	}
	if ps := (&Template{}).RegionProblems("cn-hangzhou"); len(ps) != 0 {
		t.Errorf("no namespace: %v", ps)
	}
}

func TestRegionsAreRegionShaped(t *testing.T) {
	for _, r := range Regions {
		if !RegionShaped(r.ID) || r.Name == "" {
			t.Errorf("region %+v", r)
		}
	}
}

func TestPHPPackageNeeds(t *testing.T) {
	for _, pt := range AllPackageTypes {
		needs := PackageNeeds(pt)
		if len(needs) == 0 {
			t.Errorf("%s needs nothing", pt)
		}
		tpl := &Template{AppName: "a", PackageType: pt, Replicas: Ptr(1)}
		ps := tpl.Validate().Errors()
		for _, f := range needs {
			if len(ps.For(f)) == 0 {
				t.Errorf("%s without %s:\n%s", pt, f, dump(ps))
			}
		}
	}
	for _, p := range []string{"PackageUrl", "PackageVersion", "ImageUrl"} {
		doc := lookupParam(t, p).Doc
		for _, pt := range []string{"FatJar", "PhpZip", "Image"} {
			if slices.Contains(PackageNeeds(pt), p) && !strings.Contains(doc, pt) {
				t.Errorf("%s's help %q does not say %s needs it", p, doc, pt)
			}
		}
	}
	if doc := lookupParam(t, "ImageUrl").Doc; !strings.Contains(doc, "IMAGE_PHP_*") {
		t.Errorf("ImageUrl's help: %q", doc)
	}
}

func lookupParam(t *testing.T, name string) Param {
	t.Helper()
	p, ok := Lookup(name)
	if !ok {
		t.Fatalf("no parameter %s", name)
	}
	return p
}

// TestCpuListsEveryValue checks the Cpu help and errors name every size the
// catalogue allows, 12000 included.
func TestCpuListsEveryValue(t *testing.T) {
	doc := lookupParam(t, "Cpu").Doc
	tpl := referenceImage()
	tpl.Cpu = Ptr(3000)
	ps := tpl.Validate().For("Cpu")
	if len(ps) != 1 {
		t.Fatalf("Cpu 3000:\n%s", dump(ps))
	}
	for _, c := range CPUs {
		n := fmt.Sprint(c)
		if !regexp.MustCompile(`\b` + n + `\b`).MatchString(doc) {
			t.Errorf("the Cpu help %q does not list %s", doc, n)
		}
		if !regexp.MustCompile(`\b` + n + `\b`).MatchString(ps[0].Message) {
			t.Errorf("the Cpu error %q does not list %s", ps[0].Message, n)
		}
	}
}

// TestIntegerLimits walks every integer parameter: the validator accepts its
// Range's ends and refuses one past them, within the API's integer type.
func TestIntegerLimits(t *testing.T) {
	for _, p := range Params {
		if p.Kind != KindInt {
			continue
		}
		if p.Bits != 32 && p.Bits != 64 {
			t.Errorf("%s: Bits %d", p.Name, p.Bits)
		}
		lo, hi := p.Range()
		if p.Bits == 32 && (lo < math.MinInt32 || hi > math.MaxInt32) {
			t.Errorf("%s: range %d..%d is wider than int32", p.Name, lo, hi)
		}
		set := func(n int64) Problems {
			tpl := referenceImage()
			reflect.ValueOf(tpl).Elem().FieldByName(p.Name).Set(reflect.ValueOf(Ptr(int(n))))
			return tpl.Validate().Errors().For(p.Name)
		}
		if p.Sizes != nil {
			for _, n := range p.Sizes {
				if int64(n) < lo || int64(n) > hi {
					t.Errorf("%s: size %d outside %d..%d", p.Name, n, lo, hi)
				}
			}
			if ps := set(int64(hi) + 1); len(ps) != 1 {
				t.Errorf("%s %d: %s", p.Name, hi+1, dump(ps))
			}
			continue
		}
		for _, n := range []int64{lo, hi} {
			if ps := set(n); len(ps) != 0 {
				t.Errorf("%s %d refused: %s", p.Name, n, dump(ps))
			}
		}
		if lo > math.MinInt64 {
			if ps := set(lo - 1); len(ps) != 1 {
				t.Errorf("%s %d accepted: %s", p.Name, lo-1, dump(ps))
			}
		}
		if hi < math.MaxInt64 {
			if ps := set(hi + 1); len(ps) != 1 {
				t.Errorf("%s %d accepted: %s", p.Name, hi+1, dump(ps))
			}
		}
	}
	tpl := referenceImage()
	tpl.Replicas = Ptr(3000000000)
	if ps := tpl.Validate().For("Replicas"); len(ps) != 1 || !strings.Contains(ps[0].Message, "at most 2147483647") {
		t.Errorf("Replicas 3000000000: %s", dump(ps))
	}
}

func TestDocsAreFilledIn(t *testing.T) {
	for _, p := range Params {
		if regexp.MustCompile(`(^|[^$])\{[a-z]+\}`).MatchString(p.Doc) || p.Doc == "" {
			t.Errorf("%s: %q", p.Name, p.Doc)
		}
	}
	if doc := lookupParam(t, "TerminationGracePeriodSeconds").Doc; !strings.Contains(doc, "from 1 to 300") {
		t.Errorf("TerminationGracePeriodSeconds: %q", doc)
	}
	if doc := lookupParam(t, "Replicas").Doc; !strings.Contains(doc, "at least 1") {
		t.Errorf("Replicas: %q", doc)
	}
	if doc := lookupParam(t, "PackageType").Doc; !strings.Contains(doc, "IMAGE_PHP_*") || strings.Contains(doc, "IMAGE_PHP_5") {
		t.Errorf("PackageType: %q", doc)
	}
}

// TestDuplicateKeysInJSONText checks that a key set twice inside a JSON
// string parameter is refused, at any depth, instead of sending the last one.
func TestDuplicateKeysInJSONText(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"Envs", `[{"name":"A","value":"x","name":"B"}]`, `"name" is set twice in item 1`},
		{"Envs", `[{"name":"A","value":"x"},{"name":"B","valueFrom":{"configMapRef":{"configMapId":1,"key":"a","key":"b"}}}]`, `"key" is set twice in "configMapRef" of "valueFrom" of item 2`},
		{"TomcatConfig", `{"port":8080,"port":9090}`, `"port" is set twice`},
		{"TriggerConfig", `{"type":"time","config":"0 1 * * ?","type":"http"}`, `"type" is set twice`},
		{"TriggerConfig", `{"type":"http","config":{"type":"HTTPS","method":["GET"],"type":"HTTP"}}`, `"type" is set twice in "config"`},
		{"TriggerConfig", `{"type":"http","config":"{\"type\":\"HTTPS\",\"type\":\"HTTP\",\"method\":[\"GET\"]}"}`, `"type" is set twice`},
		{"PreStop", `{"exec":{"command":["a"],"command":["b"]}}`, `"command" is set twice in "exec"`},
		{"MountDesc", `[{mountPath: "/a", nasPath: "/", mountPath: "/b"}]`, `"mountPath" is set twice in item 1`},
	}
	for _, c := range cases {
		tpl := &Template{}
		err := tpl.ParseJSONParam(c.name, c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %s: got %v, want %q", c.name, c.text, err, c.want)
		}
	}
	// The same keys in different objects are fine.
	tpl := &Template{}
	must(tpl.ParseJSONParam("Envs", `[{"name":"A","value":"1"},{"name":"B","value":"2"}]`))
	must(tpl.ParseJSONParam("TriggerConfig", `{"type":"http","config":{"type":"HTTPS","method":["GET"]}}`))
	// In a file, the template never holds the value written last.
	loaded, err := Parse([]byte("AppName: a\nPackageType: Image\nImageUrl: nginx\nReplicas: 1\nEnvs: '[{\"name\":\"A\",\"value\":\"x\",\"name\":\"B\"}]'\n"), YAML, "dup.yaml")
	if err == nil {
		for _, e := range loaded.Envs {
			if e.Name == "B" {
				t.Fatal("the duplicate key's last value was kept")
			}
		}
		if ps := loaded.Validate(); ps.Valid() || !strings.Contains(dump(ps), "set twice") {
			t.Errorf("the duplicate key is not a problem:\n%s", dump(ps))
		}
	} else if !strings.Contains(err.Error(), "set twice") {
		t.Errorf("load error %v", err)
	}
}

// TestSliceItemsCountFromOne checks the SliceEnvs item message counts from 1
// and that the file loader still points at the right item (0-based path).
func TestSliceItemsCountFromOne(t *testing.T) {
	err := (&Template{}).ParseJSONParam("SliceEnvs", `[1,[2]]`)
	if err == nil || !strings.Contains(err.Error(), "item 2 must be") {
		t.Errorf("got %v", err)
	}
	_, err = Parse([]byte("AppName: a\nPackageType: Image\nReplicas: 1\nSliceEnvs:\n  - 1\n  - [2]\n"), YAML, "s.yaml")
	tpl, _ := Parse([]byte("AppName: a\nPackageType: Image\nReplicas: 1\nSliceEnvs:\n  - 1\n  - [2]\n"), YAML, "s.yaml")
	found := false
	if tpl != nil {
		for _, p := range tpl.Validate() {
			found = found || p.Field == "SliceEnvs[1]"
		}
	}
	for _, fe := range FileErrors(err) {
		found = found || fe.Key == "SliceEnvs[1]"
	}
	if !found {
		t.Errorf("the problem is not on SliceEnvs[1]: %v", err)
	}
}

// TestSpecExplanationNeverOffersTheSentPair checks that when SAE refuses a
// CPU/memory pair, the fix never offers that pair as a good one.
func TestSpecExplanationNeverOffersTheSentPair(t *testing.T) {
	pairRe := regexp.MustCompile(`\b\d+/\d+\b`)
	if c, _ := Explain(CodeSpec); pairRe.MatchString(c.Fix) || pairRe.MatchString(c.Meaning) {
		t.Errorf("the catalogue's own text names a pair, which may be the one refused: %q", c.Fix)
	}
	for _, cpu := range append([]int{1, 3000}, CPUs...) {
		for _, mem := range append([]int{2, 3000}, Memories...) {
			msg := fmt.Sprintf("The instance specification is not supported: CPU [%d], memory [%d].", cpu, mem)
			c, ok := ExplainMessage(CodeSpec, msg)
			if !ok {
				t.Fatal("not catalogued")
			}
			sent := fmt.Sprintf("%d/%d", cpu, mem)
			for _, p := range pairRe.FindAllString(strings.ReplaceAll(c.Fix, "other than "+sent, ""), -1) {
				if p == sent {
					t.Errorf("%s: the fix offers the refused pair: %q", sent, c.Fix)
				}
				var c2, m2 int
				fmt.Sscanf(p, "%d/%d", &c2, &m2)
				if !ValidSpec(c2, m2) {
					t.Errorf("%s: the fix offers an unsupported pair %s", sent, p)
				}
			}
			if !strings.Contains(c.Fix, "Supported pairs other than "+sent) {
				t.Errorf("%s: no other pairs offered: %q", sent, c.Fix)
			}
		}
	}
	c, _ := ExplainMessage(CodeSpec, "CPU [1000], memory [2048]")
	if !strings.Contains(c.Fix, "1000/1024") || !strings.Contains(c.Fix, "1000/4096") {
		t.Errorf("the nearest pairs come first: %q", c.Fix)
	}
	if c, _ := ExplainMessage("InvalidParameter.NotEmpty", "CPU [1000], memory [2048]"); c.Code != CodeNotEmpty {
		t.Errorf("other codes are untouched: %+v", c)
	}
}
