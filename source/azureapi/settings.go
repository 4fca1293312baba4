package azureapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/aksguard/aksguard/source/armjson"
)

const settingsPermission = "Microsoft.Insights/diagnosticSettings/read"

// settingsRead is what reading one resource's diagnostic settings gave.
type settingsRead struct {
	rows []json.RawMessage
	fail *failure
}

// readSettings reads the diagnostic settings of every target through ARM,
// Options.Concurrency at a time. A resource whose settings cannot be read
// gets a diagnostic and a stand-in setting with unknown properties, so that
// its log verdicts are unknown rather than failed for want of a setting.
func (s *scan) readSettings(ctx context.Context) error {
	targets := s.targets
	s.progress(func(p *Progress) { p.Phase, p.Settings = "diagnostic settings", len(targets) })
	out := make([]settingsRead, len(targets))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(s.o.Concurrency, len(targets)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				rows, err := s.settingsOf(ctx, targets[i])
				if err != nil {
					f := describe(err, settingsPermission, s.o.CallTimeout)
					out[i].fail = &f
				} else {
					out[i].rows = rows
				}
				s.progress(func(p *Progress) { p.SettingsRead++ })
			}
		}()
	}
feed:
	for i := range targets {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	s.settled(targets, out)
	return nil
}

// settled adapts what readSettings read, in the targets' order, so that the
// diagnostics and the export do not depend on which call finished first.
func (s *scan) settled(targets []string, out []settingsRead) {
	var chunk, stand []json.RawMessage
	var standNodes []armjson.Resource
	for i, id := range targets {
		r := out[i]
		if r.fail == nil {
			chunk = append(chunk, r.rows...)
			if len(chunk) >= s.o.PageSize {
				s.adapt("diagnostic-settings", chunk)
				chunk = nil
			}
			s.stats.Settings++
			continue
		}
		reason := r.fail.String()
		if r.fail.notFound() {
			s.warnf(id, "the resource no longer exists (404 %s while its diagnostic settings were read): "+
				"it is audited as Resource Graph last saw it, and its log verdicts are unknown", orStatus(r.fail.code, r.fail.status))
		} else {
			s.errorf(id, "diagnostic settings could not be read: %s; its log verdicts are unknown", reason)
		}
		s.stats.Unread = append(s.stats.Unread, Unread{ID: id, What: "diagnostic settings", Reason: reason})
		node, raw := standIn(id+"/providers/Microsoft.Insights/diagnosticSettings/"+placeholderName,
			"Microsoft.Insights/diagnosticSettings", "diagnostic settings could not be read: "+reason)
		standNodes = append(standNodes, node)
		stand = append(stand, raw)
	}
	s.adapt("diagnostic-settings", chunk)
	if len(standNodes) > 0 {
		s.adaptNodes(standNodes)
		for len(stand) > 0 {
			n := min(len(stand), s.o.PageSize)
			s.export.write("diagnostic-settings", stand[:n])
			stand = stand[n:]
		}
	}
}

// settingsOf lists the diagnostic settings of one resource, as raw JSON.
func (s *scan) settingsOf(ctx context.Context, id string) ([]json.RawMessage, error) {
	call, cancel := context.WithTimeout(ctx, s.o.CallTimeout)
	defer cancel()
	var raw *http.Response
	capture := policy.WithCaptureResponse(call, &raw)
	pager := s.r.settings.NewListPager(strings.TrimPrefix(id, "/"), nil)
	var rows []json.RawMessage
	for pager.More() {
		if _, err := pager.NextPage(capture); err != nil {
			return nil, timedOut(call, ctx, err)
		}
		body, err := runtime.Payload(raw)
		if err != nil {
			return nil, fmt.Errorf("read diagnostic settings response: %w", err)
		}
		var page struct {
			Value []json.RawMessage `json:"value"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, fmt.Errorf("decode diagnostic settings response: %w", err)
		}
		rows = append(rows, page.Value...)
	}
	return rows, nil
}
