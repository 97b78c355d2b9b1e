package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saejob/saejob/model"
	"github.com/saejob/saejob/submit"
	"github.com/saejob/saejob/ui"
)

// The wizard's account adapter reads the practice sandbox through package
// submit and hands the wizard plain results.
func TestWizardAccountReadsTheSandbox(t *testing.T) {
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	sub := &wizardSubmitter{opts: submit.Options{Getenv: func(string) string { return "" }}}
	stop, err := sub.startSandbox()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	acc := newWizardAccount(sub)
	ctx := context.Background()
	if w := acc.Where(ctx); !w.Sandbox || w.Region != "cn-hangzhou" || w.NoCredentials != "" {
		t.Errorf("Where = %+v", w)
	}
	ns, err := acc.Namespaces(ctx, "cn-hangzhou")
	if err != nil {
		t.Fatal(err)
	}
	var dev *ui.Namespace
	for i := range ns {
		if ns[i].ID == "cn-hangzhou:dev" {
			dev = &ns[i]
		}
	}
	if dev == nil || dev.VpcId != "vpc-bp1sandbox0dev000000" || dev.VSwitchId == "" || dev.SecurityGroupId == "" || dev.Description != "Development jobs (sandbox)" {
		t.Errorf("namespaces = %+v", ns)
	}
	cms, err := acc.ConfigMaps(ctx, "cn-hangzhou", "cn-hangzhou:dev")
	if err != nil || len(cms) != 2 || cms[0].ID != 1001 || strings.Join(cms[0].Keys, ",") != "LOG_LEVEL,application.properties" {
		t.Errorf("ConfigMaps = %+v, %v", cms, err)
	}
	jobs, err := acc.Jobs(ctx, "cn-hangzhou", "cn-hangzhou:dev", "nightly")
	if err != nil || len(jobs) != 1 || jobs[0].AppName != "nightly-report" {
		t.Fatalf("Jobs = %+v, %v", jobs, err)
	}
	j, err := acc.DescribeJob(ctx, "cn-hangzhou", jobs[0].AppId)
	if err != nil || j.Template == nil || j.Template.AppName != "nightly-report" || !j.Sandbox {
		t.Errorf("DescribeJob = %+v, %v", j, err)
	}
	p, err := acc.Price(ctx, "cn-hangzhou", 1000, 2048)
	if err != nil || p.Trade <= 0 || p.Trade >= p.Original {
		t.Errorf("Price = %+v, %v", p, err)
	}
	if _, err := acc.ChangeOrder(ctx, "cn-hangzhou", "no-such-order"); err == nil {
		t.Error("an unknown change order was read")
	} else {
		var re *ui.ReadError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), "only a read: nothing was created or changed") {
			t.Errorf("a failed read is %T %q", err, err)
		}
	}
	if n := len(sub.opts.Region); n == 0 {
		t.Fatal("no region")
	}
	acc.SetRegion("cn-shanghai")
	if !strings.Contains(sub.Target(), "sandbox") || sub.opts.Region != "cn-shanghai" {
		t.Errorf("after SetRegion: region %q, target %q", sub.opts.Region, sub.Target())
	}
}

// Without credentials the wizard is told so, in words it can show.
func TestWizardAccountWithoutCredentials(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{"HOME": home, "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"}
	sub := &wizardSubmitter{opts: submit.Options{Getenv: func(k string) string { return env[k] }}}
	w := newWizardAccount(sub).Where(context.Background())
	if w.NoCredentials == "" || w.Region != "" || w.Sandbox {
		t.Errorf("Where = %+v", w)
	}
	if !strings.Contains(w.NoCredentials, "no Alibaba Cloud credentials") {
		t.Errorf("NoCredentials = %q", w.NoCredentials)
	}
	env["ALIBABA_CLOUD_ACCESS_KEY_ID"], env["ALIBABA_CLOUD_ACCESS_KEY_SECRET"], env["ALIBABA_CLOUD_REGION_ID"] = "LTAI5tExampleExample", "secret-value", "cn-beijing"
	w = newWizardAccount(sub).Where(context.Background())
	if w.NoCredentials != "" || w.Credentials != "environment" || w.Region != "cn-beijing" || w.RegionFrom != "ALIBABA_CLOUD_REGION_ID" {
		t.Errorf("Where = %+v", w)
	}
}

func TestShortSource(t *testing.T) {
	for in, want := range map[string]string{
		"environment variables ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET": "environment",
		`aliyun CLI profile "work" (/home/a/.aliyun/config.json)`:  "profile work",
		`profile "default" (/home/a/.alibabacloud/credentials)`:    "profile default",
		"OIDC (ALIBABA_CLOUD_OIDC_*)":                              "OIDC",
		`ECS instance role "r" (ALIBABA_CLOUD_ECS_METADATA)`:       "instance role",
	} {
		if got := shortSource(in); got != want {
			t.Errorf("shortSource(%q) = %q, want %q", in, got, want)
		}
	}
}

// Where names the --profile and --endpoint given, for the wizard's
// equivalent command line, and a read SAE refuses the key for says so.
func TestWizardAccountWhereNamesProfileAndEndpoint(t *testing.T) {
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	env := map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "secret", "HOME": t.TempDir()}
	sub := &wizardSubmitter{opts: submit.Options{Region: "cn-hangzhou", Profile: "work", Endpoint: "https://sae-vpc.cn-hangzhou.aliyuncs.com", Getenv: func(k string) string { return env[k] }}}
	w := newWizardAccount(sub).Where(context.Background())
	if w.Profile != "work" || w.Endpoint != "https://sae-vpc.cn-hangzhou.aliyuncs.com" {
		t.Errorf("Where = %+v", w)
	}
	// The practice sandbox's endpoint ends with the session: not named.
	sb := &wizardSubmitter{opts: submit.Options{Getenv: func(string) string { return "" }}}
	stop, err := sb.startSandbox()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if w := newWizardAccount(sb).Where(context.Background()); w.Endpoint != "" {
		t.Errorf("practice sandbox Where = %+v", w)
	}
	re := readError("DescribeRegions", &submit.ReadError{Operation: "DescribeRegions", HttpStatus: 400, Code: "SignatureDoesNotMatch"})
	var uiErr *ui.ReadError
	if !errors.As(re, &uiErr) || uiErr.Cause != model.CauseKey {
		t.Errorf("readError = %#v", re)
	}
}

// The wizard's reads guard the instance metadata service as submit and
// import do: every client does it when it is made.
func TestWizardAccountGuardsInstanceMetadata(t *testing.T) {
	home := t.TempDir()
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "")
	os.Unsetenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED")
	env := map[string]string{"HOME": home, "ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI5tExampleExample", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "secret-value"}
	sub := &wizardSubmitter{opts: submit.Options{Getenv: func(k string) string { return env[k] }, Region: "cn-hangzhou"}}
	if w := newWizardAccount(sub).Where(context.Background()); w.Credentials != "environment" {
		t.Fatalf("Where = %+v", w)
	}
	if os.Getenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED") != "true" {
		t.Error("the wizard's account client left the instance metadata service on")
	}
}

// The job list is read page by page until as many jobs as the total came,
// or a page comes empty; never the same page ten times.
func TestWizardAccountJobsPaging(t *testing.T) {
	for _, tc := range []struct {
		name      string
		total     int
		pages     []int // jobs on each page
		wantReads int
		wantJobs  int
	}{
		{"three pages", 250, []int{100, 100, 50}, 3, 250},
		{"short pages", 5, []int{2, 2, 1, 0}, 3, 5},
		{"a total larger than what comes", 900, []int{100, 0}, 2, 100},
		{"one page", 3, []int{3}, 1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var reads int
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				reads++
				n := 0
				if reads <= len(tc.pages) {
					n = tc.pages[reads-1]
				}
				apps := []map[string]any{}
				for i := range n {
					apps = append(apps, map[string]any{"AppId": fmt.Sprintf("app-%d-%d", reads, i), "AppName": "job", "NamespaceId": "cn-hangzhou:dev"})
				}
				w.Header().Set("Content-Type", "application/json")
				_ = json.NewEncoder(w).Encode(map[string]any{"RequestId": "R", "Success": true, "Code": "200",
					"Data": map[string]any{"TotalSize": tc.total, "CurrentPage": reads, "Applications": apps}})
			}))
			defer srv.Close()
			env := map[string]string{"HOME": t.TempDir(), "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
				"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI5tExampleExample", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "secret-value"}
			sub := &wizardSubmitter{opts: submit.Options{Getenv: func(k string) string { return env[k] }, Region: "cn-hangzhou", Endpoint: srv.URL}}
			jobs, err := newWizardAccount(sub).Jobs(context.Background(), "cn-hangzhou", "cn-hangzhou:dev", "")
			if err != nil {
				t.Fatal(err)
			}
			if reads != tc.wantReads || len(jobs) != tc.wantJobs {
				t.Errorf("%d reads, %d jobs; want %d reads, %d jobs", reads, len(jobs), tc.wantReads, tc.wantJobs)
			}
		})
	}
}

// The wizard's header and its reads share a client per region: an External
// profile's process_command runs once, not once per read.
func TestWizardAccountFindsCredentialsOnce(t *testing.T) {
	home := t.TempDir()
	count := filepath.Join(home, "runs")
	script := filepath.Join(home, "creds.sh")
	os.WriteFile(script, []byte("#!/bin/sh\necho run >> '"+count+"'\necho '{\"mode\":\"AK\",\"access_key_id\":\"LTAIEXTERNAL0001\",\"access_key_secret\":\"ext-secret\"}'\n"), 0o755)
	os.MkdirAll(filepath.Join(home, ".aliyun"), 0o700)
	os.WriteFile(filepath.Join(home, ".aliyun", "config.json"), []byte(`{"current":"ext","profiles":[{"name":"ext","mode":"External","process_command":"`+script+`","region_id":"cn-hangzhou"}]}`), 0o600)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"RequestId": "R", "Success": true, "Code": "200",
			"Data": map[string]any{"TotalSize": 1, "Applications": []map[string]any{{"AppId": "a", "AppName": "job"}}}})
	}))
	defer srv.Close()
	env := map[string]string{"HOME": home, "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"}
	sub := &wizardSubmitter{opts: submit.Options{Getenv: func(k string) string { return env[k] }, Region: "cn-hangzhou", Endpoint: srv.URL}}
	acc := newWizardAccount(sub)
	ctx := context.Background()
	if w := acc.Where(ctx); w.Credentials != "profile ext" {
		t.Fatalf("Where = %+v", w)
	}
	for range 5 {
		if _, err := acc.Jobs(ctx, "cn-hangzhou", "cn-hangzhou:dev", ""); err != nil {
			t.Fatal(err)
		}
	}
	acc.Where(ctx)
	b, _ := os.ReadFile(count)
	if n := strings.Count(string(b), "run"); n != 1 {
		t.Errorf("process_command ran %d times, want 1", n)
	}
}
