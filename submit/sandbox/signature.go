package sandbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"time"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
)

// Algorithm is the signature algorithm the SDK uses by default.
const Algorithm = "ACS3-HMAC-SHA256"

// maxClockSkew is how far x-acs-date may be from the sandbox's clock.
const maxClockSkew = 15 * time.Minute

// verify checks the request's ACS3-HMAC-SHA256 signature by rebuilding the
// Authorization header with the SDK's own signing code, as POP does, and
// that the signed action is the one the path serves; it answers the error
// itself when either fails.
func (s *Server) verify(a *answer, r *http.Request, body []byte, action string) bool {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		a.pop(400, "MissingAuthorization", "Authorization is mandatory for this action.")
		return false
	}
	algo, rest, _ := strings.Cut(auth, " ")
	if algo != Algorithm {
		a.pop(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards: the sandbox accepts only "+Algorithm+".")
		return false
	}
	fields := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		fields[k] = v
	}
	keyID, signed, sig := fields["Credential"], fields["SignedHeaders"], fields["Signature"]
	if keyID == "" || signed == "" || sig == "" {
		a.pop(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.")
		return false
	}
	if keyID != s.AccessKeyId {
		a.pop(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
		return false
	}
	signedList := strings.Split(signed, ";")
	for _, need := range []string{"host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"} {
		if !slices.Contains(signedList, need) {
			a.pop(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards: "+need+" is not signed.")
			return false
		}
	}
	hash := sha256.Sum256(body)
	payload := hex.EncodeToString(hash[:])
	if !strings.EqualFold(r.Header.Get("x-acs-content-sha256"), payload) {
		a.pop(400, "SignatureDoesNotMatch", "Specified signature does not match our calculation: x-acs-content-sha256 is not the hash of the body.")
		return false
	}
	headers := map[string]*string{}
	for _, h := range signedList {
		v := r.Header.Get(h)
		if h == "host" {
			v = r.Host
		}
		headers[h] = dara.String(v)
	}
	query := map[string]*string{}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			query[k] = dara.String(v[0])
		}
	}
	req := &dara.Request{
		Method:   dara.String(r.Method),
		Pathname: dara.String(r.URL.Path),
		Query:    query,
		Headers:  headers,
	}
	want := dara.StringValue(openapiutil.GetAuthorization(req, dara.String(Algorithm), dara.String(payload), dara.String(keyID), dara.String(s.AccessKeySecret)))
	if !hmac.Equal([]byte(want), []byte(auth)) {
		a.pop(400, "SignatureDoesNotMatch", "Specified signature does not match our calculation.")
		return false
	}
	if act := r.Header.Get("x-acs-action"); act != action {
		a.pop(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method. (The sandbox serves "+action+" at "+r.URL.Path+".)")
		return false
	}
	if v := r.Header.Get("x-acs-version"); v != Version {
		a.pop(400, "InvalidVersion", "Specified parameter Version is not valid.")
		return false
	}
	date, err := time.Parse("2006-01-02T15:04:05Z", r.Header.Get("x-acs-date"))
	if err != nil {
		a.pop(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
		return false
	}
	if d := time.Since(date); d > maxClockSkew || d < -maxClockSkew {
		a.pop(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
		return false
	}
	nonce := r.Header.Get("x-acs-signature-nonce")
	s.mu.Lock()
	used := s.nonces[nonce]
	s.nonces[nonce] = true
	s.mu.Unlock()
	if used {
		a.pop(400, "SignatureNonceUsed", "Specified signature nonce was used already.")
		return false
	}
	return true
}
