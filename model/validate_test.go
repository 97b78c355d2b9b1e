package model

import (
	"encoding/json"
	"fmt"
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
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tpl := c.base()
			if ps := tpl.Validate().Errors(); len(ps) != 0 {
				t.Fatalf("base template is not valid:\n%s", dump(ps))
			}
			c.edit(tpl)
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
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tpl := c.base()
			c.edit(tpl)
			ps := tpl.Validate()
			if !ps.Valid() {
				t.Fatalf("a warning must not make the template invalid:\n%s", dump(ps))
			}
			if len(ps.Warnings().For(FieldParam(c.field))) == 0 {
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
