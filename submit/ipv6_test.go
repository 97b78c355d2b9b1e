package submit

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func TestIPv6Loopback(t *testing.T) {
	isolate(t)
	l, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skip("no IPv6 loopback here")
	}
	var n atomic.Int32
	srv := &httptest.Server{Listener: l, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		jsonAnswer(200, successBody)(w, r)
	})}}
	srv.Start()
	defer srv.Close()
	if _, err := Submit(context.Background(), fatJar(t), opts(srv.URL)); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 1 {
		t.Errorf("%d requests", n.Load())
	}
}
