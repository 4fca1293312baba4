package azureapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// failure is why a call failed, in the words a diagnostic needs.
type failure struct {
	status     int    // HTTP status; 0 when no response came
	code       string // ARM's error code ("AuthorizationFailed")
	message    string // ARM's message, or the transport's error
	permission string // for 403: the action the identity lacks
	timeout    time.Duration
}

// callTimeout is a call that ran out of its time, retries included.
type callTimeout struct{ err error }

func (e *callTimeout) Error() string { return e.err.Error() }
func (e *callTimeout) Unwrap() error { return e.err }

// timedOut marks err as the call's timeout when the call's own context
// expired (not the parent's: that ends the scan).
func timedOut(call, parent context.Context, err error) error {
	if err != nil && parent.Err() == nil && errors.Is(call.Err(), context.DeadlineExceeded) {
		return &callTimeout{err}
	}
	return err
}

// permissionInMessage finds the action ARM names in an AuthorizationFailed
// message: "... does not have authorization to perform action
// 'Microsoft.Insights/diagnosticSettings/read' over scope ...".
var permissionInMessage = regexp.MustCompile(`(?i)perform action '([^']+)'`)

// describe turns a call's error into a failure. need is the permission the
// call requires, named when ARM's message does not name one.
func describe(err error, need string, timeout time.Duration) failure {
	var re *azcore.ResponseError
	switch {
	case errors.As(err, &re):
		f := failure{status: re.StatusCode, code: re.ErrorCode}
		f.message = armMessage(re.RawResponse)
		if f.status == http.StatusForbidden {
			f.permission = need
			if m := permissionInMessage.FindStringSubmatch(f.message); m != nil {
				f.permission = m[1]
			}
		}
		return f
	case errors.As(err, new(*callTimeout)):
		return failure{timeout: timeout, message: "no answer"}
	case errors.Is(err, context.DeadlineExceeded):
		return failure{message: "no answer within the try timeout, on any try"}
	}
	return failure{message: err.Error()}
}

// armMessage returns the message of an ARM error body
// ({"error": {"code": ..., "message": ...}}), else the status.
func armMessage(resp *http.Response) string {
	if resp == nil {
		return ""
	}
	body, err := runtime.Payload(resp)
	if err == nil {
		var e struct {
			Error struct {
				Message string `json:"message"`
			} `json:"error"`
			Message string `json:"message"`
		}
		if json.Unmarshal(body, &e) == nil {
			if m := firstNonEmpty(e.Error.Message, e.Message); m != "" {
				return m
			}
		}
	}
	return resp.Status
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func (f failure) forbidden() bool { return f.status == http.StatusForbidden }

func (f failure) notFound() bool { return f.status == http.StatusNotFound }

// String says what went wrong and, for a denial, what to grant.
func (f failure) String() string {
	switch {
	case f.timeout > 0:
		return fmt.Sprintf("timed out after %s (retries included)", f.timeout)
	case f.status == http.StatusUnauthorized:
		return fmt.Sprintf("authentication failed (401 %s): %s", orStatus(f.code, f.status), oneLine(f.message))
	case f.forbidden():
		msg := fmt.Sprintf("access denied (%d %s): the identity lacks %s", f.status, orStatus(f.code, f.status), f.permission)
		return msg + "; grant the Reader role or the custom role in docs/azure-reader-role.json"
	case f.status != 0:
		s := fmt.Sprintf("%d %s", f.status, orStatus(f.code, f.status))
		if f.message != "" && f.message != http.StatusText(f.status) {
			s += ": " + oneLine(f.message)
		}
		return s
	}
	return oneLine(f.message)
}

func orStatus(code string, status int) string {
	if code != "" {
		return code
	}
	return http.StatusText(status)
}

// oneLine keeps a multi-line transport error on one diagnostic line.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 400 {
		s = s[:400] + "…"
	}
	return s
}
