package def

import (
	"testing"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/ruletest"
)

// want is one expected finding (see ruletest.Want); a local type so that the
// tables can stay positional.
type want struct {
	Resource string
	Verdict  rules.Verdict
	Evidence string
}

func check(t *testing.T, r *rules.Rule, e *estate.Estate, cfg rules.Config, wants []want) {
	t.Helper()
	ws := make([]ruletest.Want, len(wants))
	for i, w := range wants {
		ws[i] = ruletest.Want(w)
	}
	ruletest.Check(t, r, e, cfg, ws)
}

var meta = ruletest.Meta

func set[T any](v T) estate.Value[T]        { return ruletest.Set(v) }
func def[T any](v T) estate.Value[T]        { return ruletest.Def[T](v) }
func unk[T any](why string) estate.Value[T] { return ruletest.Unk[T](why) }

const (
	sub     = ruletest.Sub
	rg      = ruletest.RG
	aks1    = ruletest.AKS1
	acr1    = ruletest.ACR1
	ws1     = ruletest.WS1
	otherRG = ruletest.OtherRG
)
