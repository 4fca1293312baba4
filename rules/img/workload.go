package img

import (
	"fmt"
	"strings"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/rules"
)

// verdict is the verdict of one container (or image) with its evidence and
// the location that decided it.
type verdict struct {
	v   rules.Verdict
	msg string
	at  estate.Loc
}

// label names a container the way its manifest does ("initContainers[setup]").
func label(c estate.Container) string {
	field := "containers"
	switch c.Kind {
	case estate.InitContainer:
		field = "initContainers"
	case estate.EphemeralContainer:
		field = "ephemeralContainers"
	}
	return fmt.Sprintf("%s[%s]", field, c.Name)
}

// imageOf parses a container's image. When the image is unresolved or cannot
// be parsed it returns ok false and the unknown verdict to report.
func imageOf(c estate.Container) (Image, verdict, bool) {
	at := c.Image.Loc
	if at == (estate.Loc{}) {
		at = c.Loc
	}
	if !c.Image.Known() {
		return Image{}, verdict{rules.Unknown, label(c) + ": " + c.Image.Evidence(), at}, false
	}
	img, err := ParseImage(c.Image.V)
	if err != nil {
		return Image{}, verdict{rules.Unknown, fmt.Sprintf("%s: image %q is not a reference this rule can read (%v)", label(c), c.Image.V, err), at}, false
	}
	return img, verdict{}, true
}

// reportWorkload reports one finding on w from its containers' verdicts:
// fail when one fails, else unknown when one is unknown, else manual when one
// is manual, else pass. suffix, when not nil, gives text appended to the
// evidence of a verdict (the trusted-registry basis, what to check by hand).
func reportWorkload(p *rules.Pass, w *estate.Workload, judge func(estate.Container) verdict, suffix func(rules.Verdict) string) {
	if len(w.Containers) == 0 {
		p.Unknownf(w, estate.Loc{}, "the workload's pod template lists no containers")
		return
	}
	by := map[rules.Verdict][]verdict{}
	for _, c := range w.Containers {
		v := judge(c)
		by[v.v] = append(by[v.v], v)
	}
	for _, v := range []rules.Verdict{rules.Failed, rules.Unknown, rules.Manual, rules.Passed} {
		if vs := by[v]; len(vs) > 0 {
			msgs := make([]string, len(vs))
			for i, x := range vs {
				msgs[i] = x.msg
			}
			evidence := strings.Join(msgs, "; ")
			if suffix != nil {
				evidence += suffix(v)
			}
			p.Report(w, v, vs[0].at, evidence)
			return
		}
	}
}
