package ui

import (
	"slices"

	"github.com/saejob/saejob/model"
)

func isPHP(t *model.Template) bool {
	return t.ProgrammingLanguage == "php" || model.ForPackage("PhpConfig", t.PackageType)
}

func usesPackage(t *model.Template) bool {
	return slices.Contains(model.PackageNeeds(t.PackageType), "PackageUrl")
}

func usesImage(t *model.Template) bool {
	return slices.Contains(model.PackageNeeds(t.PackageType), "ImageUrl")
}

// forPackage shows a field only for the package types its parameter applies to.
func forPackage(param string) func(t *model.Template) bool {
	return func(t *model.Template) bool { return model.ForPackage(param, t.PackageType) }
}

// runtimeStep: language, package type, and exactly the fields that package
// type needs.
func runtimeStep() *step {
	lang := selectField("ProgrammingLanguage", func(t *model.Template) *string { return &t.ProgrammingLanguage },
		func(*model.Template) []option {
			return []option{{"not chosen", ""}, {"java", "java"}, {"php", "php"}, {"python", "python"}, {"shell (runs a container image)", "shell"}}
		})
	lang.label = "ProgrammingLanguage"
	pt := selectField("PackageType", func(t *model.Template) *string { return &t.PackageType },
		func(t *model.Template) []option {
			return stringOptions("choose one", model.PackageTypesFor(t.ProgrammingLanguage))
		})
	pt.label = "PackageType (required)"

	url := textField("PackageUrl", func(t *model.Template) *string { return &t.PackageUrl })
	url.show = usesPackage
	ver := textField("PackageVersion", func(t *model.Template) *string { return &t.PackageVersion })
	ver.show = usesPackage

	img := textField("ImageUrl", func(t *model.Template) *string { return &t.ImageUrl })
	img.show = usesImage
	acr := textField("AcrInstanceId", func(t *model.Template) *string { return &t.AcrInstanceId })
	acr.show = usesImage
	role := textField("AcrAssumeRoleArn", func(t *model.Template) *string { return &t.AcrAssumeRoleArn })
	role.show = usesImage
	pull := textField("ImagePullSecrets", func(t *model.Template) *string { return &t.ImagePullSecrets })
	pull.show = usesImage
	accl := boolField("EnableImageAccl", func(t *model.Template) **bool { return &t.EnableImageAccl })
	accl.show = usesImage

	jdk := selectField("Jdk", func(t *model.Template) *string { return &t.Jdk },
		func(*model.Template) []option { return stringOptions("not set", model.JDKs) })
	jdk.show = forPackage("Jdk")
	web := selectField("WebContainer", func(t *model.Template) *string { return &t.WebContainer },
		func(*model.Template) []option { return stringOptions("not set", model.WebContainers) })
	web.show = forPackage("WebContainer")
	jarOpts := textField("JarStartOptions", func(t *model.Template) *string { return &t.JarStartOptions })
	jarOpts.show = forPackage("JarStartOptions")
	jarOpts.placeholder = "-Xms1G -Xmx1G"
	jarArgs := textField("JarStartArgs", func(t *model.Template) *string { return &t.JarStartArgs })
	jarArgs.show = forPackage("JarStartArgs")
	jarArgs.placeholder = "--spring.profiles.active=prod"
	warOpts := textField("WarStartOptions", func(t *model.Template) *string { return &t.WarStartOptions })
	warOpts.show = forPackage("WarStartOptions")
	edas := textField("EdasContainerVersion", func(t *model.Template) *string { return &t.EdasContainerVersion })
	edas.show = forPackage("EdasContainerVersion")
	edas.advanced = true

	phpLoc := textField("PhpConfigLocation", func(t *model.Template) *string { return &t.PhpConfigLocation })
	phpLoc.show = isPHP
	phpConf := areaField("PhpConfig", ".ini", func(t *model.Template) *string { return &t.PhpConfig })
	phpConf.help = "The php.ini file (like memory_limit=256M, one setting per line); it is mounted at PhpConfigLocation."
	phpConf.show = isPHP

	py := selectField("Python", func(t *model.Template) *string { return &t.Python },
		func(*model.Template) []option { return stringOptions("not set", model.PythonVersions) })
	py.show = forPackage("Python")
	pyMods := areaField("PythonModules", ".txt", func(t *model.Template) *string { return &t.PythonModules })
	pyMods.help += " One requirement per line, as in requirements.txt."
	pyMods.show = forPackage("PythonModules")

	fields := []*field{lang, pt, url, ver, img, acr, role, pull, accl, jdk, web}
	fields = append(fields, tomcatFields()...)
	fields = append(fields, jarOpts, jarArgs, warOpts, foldField(), edas, phpLoc, phpConf, py, pyMods)
	return &step{
		name:   "Runtime",
		intro:  "What runs: choose the language, then the package type; only the fields that package type needs are shown.",
		fields: fields,
	}
}

// tomcatFields edit TomcatConfig one setting at a time (War only).
func tomcatFields() []*field {
	war := forPackage("TomcatConfig")
	tc := func(t *model.Template) *model.TomcatConfig {
		if t.TomcatConfig == nil {
			t.TomcatConfig = &model.TomcatConfig{}
		}
		return t.TomcatConfig
	}
	tidy := func(t *model.Template) {
		if c := t.TomcatConfig; c != nil && c.Port == nil && c.ContextPath == nil && c.MaxThreads == nil && c.UriEncoding == nil && c.UseBodyEncodingForUri == nil {
			t.TomcatConfig = nil
		}
	}
	intPart := func(name, label, help, example string, p func(c *model.TomcatConfig) **int) *field {
		return &field{
			kind: kindText, param: "TomcatConfig", paths: []string{"TomcatConfig." + name},
			label: label, help: help, placeholder: example, show: war,
			get: func(t *model.Template) string {
				if t.TomcatConfig == nil {
					return ""
				}
				return intGetter(func(*model.Template) **int { return p(t.TomcatConfig) })(t)
			},
			set: func(t *model.Template, v string) error {
				err := intSetter(func(*model.Template) **int { return p(tc(t)) })(t, v)
				tidy(t)
				return err
			},
		}
	}
	strPart := func(name, label, help, example string, p func(c *model.TomcatConfig) **string) *field {
		return &field{
			kind: kindText, param: "TomcatConfig", paths: []string{"TomcatConfig." + name},
			label: label, help: help, placeholder: example, show: war,
			get: func(t *model.Template) string {
				if t.TomcatConfig == nil {
					return ""
				}
				return model.Deref(*p(t.TomcatConfig))
			},
			set: func(t *model.Template, v string) error {
				if v == "" {
					*p(tc(t)) = nil
				} else {
					*p(tc(t)) = &v
				}
				tidy(t)
				return nil
			},
		}
	}
	port := intPart("port", "Tomcat port", "TomcatConfig port: 1024 to 65535; default 8080.", "8080", func(c *model.TomcatConfig) **int { return &c.Port })
	port.paths = append(port.paths, "TomcatConfig")
	ctx := strPart("contextPath", "Tomcat context path", "TomcatConfig contextPath: where the app is served, starting with /; default /.", "/", func(c *model.TomcatConfig) **string { return &c.ContextPath })
	threads := intPart("maxThreads", "Tomcat max threads", "TomcatConfig maxThreads: the connection pool size; default 400.", "400", func(c *model.TomcatConfig) **int { return &c.MaxThreads })
	enc := strPart("uriEncoding", "Tomcat URI encoding", "TomcatConfig uriEncoding: how Tomcat decodes request URIs; default ISO-8859-1.", "", func(c *model.TomcatConfig) **string { return &c.UriEncoding })
	enc.kind = kindSelect
	enc.options = func(*model.Template) []option { return stringOptions("not set", model.URIEncodings) }
	body := &field{
		kind: kindSelect, param: "TomcatConfig", paths: []string{"TomcatConfig.useBodyEncodingForUri"},
		label: "Tomcat body encoding for URI", help: "TomcatConfig useBodyEncodingForUri: decode URIs with the request body's encoding.",
		show: war, options: boolOptions("not set"),
		get: func(t *model.Template) string {
			if t.TomcatConfig == nil {
				return ""
			}
			return boolGetter(func(*model.Template) **bool { return &t.TomcatConfig.UseBodyEncodingForUri })(t)
		},
		set: func(t *model.Template, v string) error {
			err := boolSetter(func(*model.Template) **bool { return &tc(t).UseBodyEncodingForUri })(t, v)
			tidy(t)
			return err
		},
	}
	return []*field{port, ctx, threads, enc, body}
}
