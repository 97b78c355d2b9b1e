package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Schema returns the JSON Schema (draft 2020-12) of the template file,
// indented. It accepts what Load accepts: every parameter, by its API name,
// with the leniencies of the loader (integers as digit strings, null for
// unset), and each JSON parameter either structured or as its JSON string.
func Schema() []byte {
	props := schemaObj{}
	var required []string
	for _, p := range Params {
		props = append(props, schemaKV{p.Name, paramSchema(p)})
		if p.Required && p.Name != "Workload" { // Workload is filled in
			required = append(required, p.Name)
		}
	}
	root := schemaObj{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", SchemaURL},
		{"title", "saejob job template"},
		{"description", "A Serverless App Engine job template: the parameters of the CreateJob API (2019-05-06) by their API names. " +
			"Parameters the API takes as JSON text may be written structured (lists and mappings) or as that JSON text."},
		{"type", "object"},
		{"required", required},
		{"additionalProperties", false},
		{"properties", props},
		{"$defs", schemaDefs()},
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		panic("model: the schema does not encode: " + err.Error()) // static data: a test covers it
	}
	return b.Bytes()
}

// schemaKV is one member of an ordered JSON object.
type schemaKV struct {
	k string
	v any
}

// schemaObj is a JSON object that keeps its members' order (encoding/json sorts maps).
type schemaObj []schemaKV

// MarshalJSON writes the members in order.
func (o schemaObj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, m.k)
		b.WriteByte(':')
		v, err := marshalJSON(m.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

const (
	intPattern  = `^\s*[+-]?[0-9]+\s*$`
	boolPattern = `^\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\s*$`
)

func paramSchema(p Param) schemaObj {
	s := schemaObj{{"description", p.Doc}}
	switch p.Kind {
	case KindString:
		if p.Values != nil {
			s = append(s, schemaKV{"enum", append(schemaAnys(p.Values), nil)})
			break
		}
		switch p.Name {
		case "AppName":
			s = append(s, schemaKV{"type", []string{"string", "null"}}, schemaKV{"pattern", fmt.Sprintf("^[A-Za-z][A-Za-z0-9-]{0,%d}$", p.MaxLen-1)})
		case "AppDescription":
			s = append(s, schemaKV{"type", []string{"string", "null"}}, schemaKV{"maxLength", p.MaxLen})
		case "OssAkSecret":
			s = append(s, schemaKV{"type", []string{"string", "null"}}, schemaKV{"examples", []string{"${OSS_AK_SECRET}"}})
		default:
			// A number or boolean is taken as written (PackageVersion: 1.0).
			s = append(s, schemaKV{"type", []string{"string", "number", "boolean", "null"}})
		}
	case KindInt:
		if p.Sizes != nil {
			s = append(s, schemaKV{"anyOf", []schemaObj{
				{{"enum", p.Sizes}},
				{{"type", "string"}, {"pattern", intPattern}},
				{{"type", "null"}},
			}})
			break
		}
		// The validator checks the same Range (see validator.ranges).
		lo, hi := p.Range()
		s = append(s, schemaKV{"type", []string{"integer", "string", "null"}}, schemaKV{"pattern", intPattern},
			schemaKV{"minimum", lo}, schemaKV{"maximum", hi})
	case KindBool:
		s = append(s, schemaKV{"type", []string{"boolean", "string", "null"}}, schemaKV{"pattern", boolPattern})
	case KindJSON:
		s = append(s, schemaKV{"oneOf", []schemaObj{
			{{"$ref", "#/$defs/" + jsonDef(p.Name)}},
			{{"type", "string"}, {"contentMediaType", "application/json"},
				{"description", "The same value as the JSON text the API takes, e.g. " + p.Example}},
			{{"type", "null"}},
		}})
	}
	if ex, ok := typedExample(p); ok {
		s = append(s, schemaKV{"examples", []any{ex}})
	}
	return s
}

// typedExample is the reference's example value as the file would hold it.
func typedExample(p Param) (any, bool) {
	if p.Example == "" || p.Secret || p.Values != nil {
		return nil, false
	}
	switch p.Kind {
	case KindInt:
		n, err := strconv.Atoi(p.Example)
		return n, err == nil
	case KindBool:
		b, err := strconv.ParseBool(p.Example)
		return b, err == nil
	case KindJSON:
		return nil, false
	}
	return p.Example, true
}

// jsonDef names the $defs entry of a JSON parameter's structured shape.
func jsonDef(name string) string {
	if name == "PreStop" || name == "PostStart" {
		return "Hook"
	}
	return name
}

func schemaAnys[T any](list []T) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = v
	}
	return out
}

func schemaStr(doc string) schemaObj { return schemaObj{{"type", "string"}, {"description", doc}} }

func schemaBool(doc string) schemaObj { return schemaObj{{"type", "boolean"}, {"description", doc}} }

func schemaList(item any) schemaObj { return schemaObj{{"type", "array"}, {"items", item}} }

func schemaRef(name string) schemaObj { return schemaObj{{"$ref", "#/$defs/" + name}} }

// schemaObject is a mapping with exactly the given keys.
func schemaObject(doc string, props schemaObj, required ...string) schemaObj {
	o := schemaObj{{"type", "object"}}
	if doc != "" {
		o = append(o, schemaKV{"description", doc})
	}
	o = append(o, schemaKV{"properties", props})
	if len(required) > 0 {
		o = append(o, schemaKV{"required", required})
	}
	return append(o, schemaKV{"additionalProperties", false})
}

// schemaDefs describes the structured shape of every JSON parameter.
func schemaDefs() schemaObj {
	configMapID := schemaObj{{"description", "ID of the ConfigMap (ListNamespacedConfigMaps)."},
		{"anyOf", []schemaObj{{{"type", "integer"}}, {{"type", "string"}, {"pattern", intPattern}}}}}
	return schemaObj{
		{"CommandArgs", schemaList(schemaStr("An argument of the command."))},
		{"Envs", schemaList(schemaRef("Env"))},
		{"Env", schemaObject("An environment variable: a value, or a reference to a ConfigMap key (or to all its keys).", schemaObj{
			{"name", schemaStr("Name of the variable; sae-sys-configmap-all-<ConfigMap name> imports every key of the ConfigMap.")},
			{"value", schemaObj{{"type", []string{"string", "number", "boolean"}}, {"description", "Value of the variable."}}},
			{"valueFrom", schemaObj{{"description", "configMapRef to read the value from a ConfigMap."}, {"oneOf", []schemaObj{
				{{"const", "configMapRef"}},
				schemaObject("", schemaObj{{"configMapRef", schemaObject("", schemaObj{
					{"configMapId", configMapID},
					{"key", schemaStr("Key of the ConfigMap to read.")},
				})}}, "configMapRef"),
			}}}},
			{"configMapId", configMapID},
			{"key", schemaStr("Key of the ConfigMap to read; leave out to import every key.")},
		}, "name")},
		{"CustomHostAlias", schemaList(schemaObject("A host name mapped to an IP address.", schemaObj{
			{"hostName", schemaStr("Domain name or host name.")},
			{"ip", schemaStr("IP address.")},
		}, "hostName", "ip"))},
		{"SlsConfigs", schemaList(schemaObject("A log collection rule.", schemaObj{
			{"projectName", schemaStr("SLS project; leave out to let SAE create one.")},
			{"logType", schemaObj{{"type", "string"}, {"description", "stdout collects the container's standard output (one rule at most); leave out for a log file."}, {"examples", []string{LogTypeStdout}}}},
			{"logDir", schemaStr("Path of the log file; empty for stdout.")},
			{"logstoreName", schemaStr("SLS Logstore.")},
			{"logtailName", schemaStr("SLS Logtail; leave out to create one.")},
		}))},
		{"MountDesc", schemaList(schemaObject("A NAS mount.", schemaObj{
			{"mountPath", schemaStr("Path in the container.")},
			{"nasPath", schemaStr("Path in the NAS file system.")},
		}))},
		{"Hook", schemaObject("A command run in the container.", schemaObj{
			{"exec", schemaObject("", schemaObj{{"command", schemaList(schemaStr("The command and its arguments."))}}, "command")},
		})},
		{"ConfigMapMountDesc", schemaList(schemaObject("ConfigMap keys mounted as files.", schemaObj{
			{"configMapId", configMapID},
			{"key", schemaObj{{"type", "string"}, {"description", "Key to mount; sae-sys-configmap-all mounts every key."}, {"examples", []string{ConfigMapAllKeys}}}},
			{"mountPath", schemaStr("Path in the container.")},
		}))},
		{"TomcatConfig", schemaObject("Tomcat settings.", schemaObj{
			{"port", schemaObj{{"type", "integer"}, {"description", fmt.Sprintf("Port, %d to %d; default 8080.", minTomcatPort, maxTomcatPort)}, {"minimum", minTomcatPort}, {"maximum", maxTomcatPort}}},
			{"contextPath", schemaStr("Context path; default /.")},
			{"maxThreads", schemaObj{{"type", "integer"}, {"description", "Maximum threads in the connection pool; default 400."}}},
			{"uriEncoding", schemaObj{{"description", "URI encoding; default ISO-8859-1."}, {"enum", URIEncodings}}},
			{"useBodyEncodingForUri", schemaBool("Decode the URI with the request body's encoding; default true.")},
		})},
		{"OssMountDescs", schemaList(schemaObject("An OSS mount.", schemaObj{
			{"bucketName", schemaStr("OSS bucket.")},
			{"bucketPath", schemaStr("Directory or object in the bucket.")},
			{"mountPath", schemaStr("Path in the container.")},
			{"readOnly", schemaBool("Mount read-only.")},
		}))},
		{"TriggerConfig", schemaObj{
			{"type", "object"},
			{"description", "A schedule (type time: config is a cron expression) or an HTTP request (type http: config is the HTTP rule)."},
			{"properties", schemaObj{
				{"type", schemaObj{{"description", "time or http."}, {"enum", TriggerTypes}}},
				{"config", schemaObj{{"description", "Cron expression (time) or HTTP rule (http)."}}},
				{"timezone", schemaObj{{"type", "string"}, {"description", "Time zone of the schedule, e.g. GMT+8:00."}, {"examples", TriggerZones}}},
			}},
			{"required", []string{"type", "config"}},
			{"additionalProperties", false},
			{"allOf", []schemaObj{
				{{"if", schemaObj{{"properties", schemaObj{{"type", schemaObj{{"const", TriggerTime}}}}}}},
					{"then", schemaObj{{"properties", schemaObj{{"config", schemaObj{{"type", "string"}, {"examples", cronExamples()}}}}}}}},
				{{"if", schemaObj{{"properties", schemaObj{{"type", schemaObj{{"const", TriggerHTTP}}}}}}},
					{"then", schemaObj{{"properties", schemaObj{{"config", schemaObj{{"oneOf", []schemaObj{schemaRef("HTTPTrigger"), {{"type", "string"}}}}}}}}}}},
			}},
		}},
		{"HTTPTrigger", schemaObject("The rule of an HTTP trigger (EventBridge SourceHttpEventParameters).", schemaObj{
			{"type", schemaObj{{"description", "Protocol."}, {"enum", HTTPProtocols}}},
			{"method", schemaObj{{"type", "array"}, {"description", "Methods that trigger the job."}, {"items", schemaObj{{"enum", HTTPMethods}}}, {"uniqueItems", true}}},
			{"ip", schemaList(schemaStr("An IP address or CIDR block allowed (securityConfig ip)."))},
			{"referer", schemaList(schemaStr("A Referer allowed (securityConfig referer)."))},
			{"securityConfig", schemaObj{{"description", "Who may trigger: none, ip or referer."}, {"enum", HTTPSecurityModes}}},
		})},
		{"SliceEnvs", schemaList(schemaObj{{"type", []string{"string", "number", "boolean"}}, {"description", "The parameter of one shard."}})},
		{"NasConfigs", schemaList(schemaObject("A NAS file system mount.", schemaObj{
			{"mountPath", schemaStr("Path in the container.")},
			{"readOnly", schemaBool("Mount read-only.")},
			{"nasId", schemaStr("ID of the NAS file system.")},
			{"mountDomain", schemaStr("Mount target of the NAS file system.")},
			{"nasPath", schemaStr("Path in the NAS file system.")},
		}))},
	}
}

func cronExamples() []string {
	out := make([]string, len(CronPresets))
	for i, p := range CronPresets {
		out[i] = p.Cron
	}
	return out
}
