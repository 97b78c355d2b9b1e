package submit

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// countingExternal writes an External profile whose process_command
// appends a line to a file on each run and prints script's credentials.
func countingExternal(t *testing.T, home, printed string) (runs func() int) {
	t.Helper()
	count := filepath.Join(home, "runs")
	script := filepath.Join(home, "creds.sh")
	body := "#!/bin/sh\necho run >> '" + count + "'\necho '" + printed + "'\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	writeConfig(t, home, `{"current":"ext","profiles":[{"name":"ext","mode":"External","process_command":"`+script+`","region_id":"cn-hangzhou"}]}`)
	return func() int {
		b, _ := os.ReadFile(count)
		return strings.Count(string(b), "run")
	}
}

func TestExternalProfileRunsOncePerClient(t *testing.T) {
	for _, tc := range []struct{ name, printed string }{
		{"AK", `{"mode":"AK","access_key_id":"LTAIEXTERNAL0001","access_key_secret":"ext-secret-XYZ"}`},
		{"StsToken with expiration", `{"mode":"StsToken","access_key_id":"LTAIEXTERNAL0001","access_key_secret":"ext-secret-XYZ","sts_token":"tok","expiration":"2099-01-01T00:00:00Z"}`},
		{"StsToken without expiration", `{"mode":"StsToken","access_key_id":"LTAIEXTERNAL0001","access_key_secret":"ext-secret-XYZ","sts_token":"tok"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home := isolate(t)
			runs := countingExternal(t, home, tc.printed)
			fake := newFake(t, jsonAnswer(200, map[string]any{"RequestId": "r", "Success": true, "Code": "200",
				"Data": map[string]any{"ChangeOrderId": "co", "Status": 1}}))
			o := opts(fake.URL)
			o.Credentials = nil
			c, err := New(o)
			if err != nil {
				t.Fatal(err)
			}
			// Reads in parallel, as the wizard's namespace descriptions are.
			var wg sync.WaitGroup
			for range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := c.ChangeOrder(context.Background(), "co"); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if _, _, err := c.Credentials(context.Background()); err != nil {
				t.Fatal(err)
			}
			if fake.count() != 8 {
				t.Errorf("%d reads reached the server, want 8", fake.count())
			}
			if n := runs(); n != 1 {
				t.Errorf("process_command ran %d times for 9 uses, want 1", n)
			}
		})
	}
}

func TestExternalProfileRenewsExpiredToken(t *testing.T) {
	home := isolate(t)
	runs := countingExternal(t, home, `{"mode":"StsToken","access_key_id":"LTAIEXTERNAL0001","access_key_secret":"ext-secret-XYZ","sts_token":"tok","expiration":"2000-01-01T00:00:00Z"}`)
	c, _ := New(Options{})
	for range 3 {
		if _, _, err := c.Credentials(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n := runs(); n != 3 {
		t.Errorf("an expired token was kept: process_command ran %d times, want 3", n)
	}
}

func TestCredentialsHonourContext(t *testing.T) {
	home := isolate(t)
	script := filepath.Join(home, "slow.sh")
	os.WriteFile(script, []byte("#!/bin/sh\nexec sleep 30\n"), 0o755)
	writeConfig(t, home, `{"current":"ext","profiles":[{"name":"ext","mode":"External","process_command":"`+script+`","region_id":"cn-hangzhou"}]}`)
	c, _ := New(Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := c.Credentials(ctx)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the lookup outlived its context: %s", took)
	}
	if err == nil || !strings.Contains(err.Error(), "was stopped") {
		t.Errorf("err = %v", err)
	}
	var ce *CredentialsError
	if !errors.As(err, &ce) {
		t.Errorf("err is %T, want *CredentialsError", err)
	}
}

func TestReadCancelledDuringCredentialsIsNotSent(t *testing.T) {
	home := isolate(t)
	script := filepath.Join(home, "slow.sh")
	os.WriteFile(script, []byte("#!/bin/sh\nexec sleep 30\n"), 0o755)
	writeConfig(t, home, `{"current":"ext","profiles":[{"name":"ext","mode":"External","process_command":"`+script+`","region_id":"cn-hangzhou"}]}`)
	fake := newFake(t, func(w http.ResponseWriter, r *http.Request) {})
	o := opts(fake.URL)
	o.Credentials = nil
	c, _ := New(o)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.ChangeOrder(ctx, "co")
	var re *ReadError
	if !errors.As(err, &re) || !strings.Contains(re.Reason, "cancelled before sending") || fake.count() != 0 {
		t.Errorf("err = %v, %d sent", err, fake.count())
	}
}

// Every client guards the instance metadata service, whoever makes it.
func TestNewGuardsInstanceMetadata(t *testing.T) {
	isolate(t)
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "")
	os.Unsetenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED")
	if _, err := New(Options{Region: "cn-hangzhou"}); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED") != "true" {
		t.Error("New left the instance metadata service on")
	}
}

// A RamRoleArn profile whose STS never answers: the lookup returns when its
// context ends, not when credentials-go's own timeouts do.
func TestRamRoleArnLookupHonoursContext(t *testing.T) {
	home := isolate(t)
	// A listener that takes connections and never says a word: the TLS
	// handshake waits.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			defer conn.Close()
		}
	}()
	stsEndpoint = ln.Addr().String()
	defer func() { stsEndpoint = "" }()
	writeConfig(t, home, `{"current":"role","profiles":[{"name":"role","mode":"RamRoleArn","access_key_id":"LTAIROLEKEY00001","access_key_secret":"role-secret-XYZ","ram_role_arn":"acs:ram::123:role/x","ram_session_name":"s","region_id":"cn-hangzhou"}]}`)
	c, _ := New(Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err = c.Credentials(ctx)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the lookup took %s after its context ended", took)
	}
	if err == nil || !strings.Contains(err.Error(), "deadline exceeded") {
		t.Errorf("err = %v", err)
	}
}
