package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
)

// ReadFile reads a JSON report written by `aksguard scan --format json`.
func ReadFile(path string) (*report.Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the message names the file already
		}
		return nil, fmt.Errorf("read baseline %s: %w", path, err)
	}
	return Read(path, data)
}

// Read decodes a JSON report; name is the file, for messages. It refuses
// what is not an aksguard JSON report (a SARIF file, a report of a newer
// contract), since comparing with it would call every finding new.
func Read(name string, data []byte) (*report.Report, error) {
	var probe struct {
		SchemaVersion *int             `json:"schemaVersion"`
		Tool          *report.Tool     `json:"tool"`
		Findings      *[]rules.Finding `json:"findings"`
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty file: want an aksguard JSON report (aksguard scan --format json)", name)
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, decodeError(name, data, err)
	}
	switch {
	case probe.SchemaVersion == nil || probe.Findings == nil:
		return nil, fmt.Errorf("%s: not an aksguard JSON report (no schemaVersion or findings): write one with aksguard scan --format json", name)
	case *probe.SchemaVersion < 1 || *probe.SchemaVersion > report.SchemaVersion:
		return nil, fmt.Errorf("%s: report schemaVersion %d: this aksguard reads version %d", name, *probe.SchemaVersion, report.SchemaVersion)
	case probe.Tool != nil && probe.Tool.Name != "" && probe.Tool.Name != report.ToolName:
		return nil, fmt.Errorf("%s: a report of %q, not of %s", name, probe.Tool.Name, report.ToolName)
	}
	var r report.Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, decodeError(name, data, err)
	}
	for i, f := range r.Findings {
		if f.Rule == "" || f.Verdict == 0 {
			return nil, fmt.Errorf("%s: findings[%d]: want a rule and a verdict", name, i)
		}
	}
	return &r, nil
}

// decodeError says where in the file JSON decoding failed.
func decodeError(name string, data []byte, err error) error {
	var offset int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
	}
	if offset < 0 || offset > int64(len(data)) {
		return fmt.Errorf("%s: %w", name, err)
	}
	// The offset is just past the byte that failed, or the end of the
	// input when it ended too soon.
	if offset < int64(len(data)) {
		offset = max(offset-1, 0)
	}
	line, col := 1, 1
	for _, b := range data[:offset] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Errorf("%s:%d:%d: %w", name, line, col, err)
}
