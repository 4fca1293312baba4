package load

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/aksguard/aksguard/source"
)

// paramFile is a deployment parameters file, decoded to UTF-8.
type paramFile struct {
	name string
	data []byte
}

// readParameters reads the file given with --parameters.
func readParameters(name string, limit int64) (*paramFile, *source.Diagnostic) {
	f, err := os.Open(name)
	if err != nil {
		d := source.Errorf(name, 0, "parameters file: %s", describe(err))
		return nil, &d
	}
	defer f.Close()
	size := int64(-1)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	raw, err := readLimited(f, size, limit)
	if err != nil {
		d := source.Errorf(name, 0, "parameters file: %s", describe(err))
		return nil, &d
	}
	text, binary, err := decodeText(raw)
	if err != nil || binary {
		d := source.Errorf(name, 0, "parameters file: not UTF-8 text")
		return nil, &d
	}
	return &paramFile{name: filepath.Clean(name), data: text}, nil
}

// parameterCandidates lists where the parameters of template name may be,
// by the conventions of Azure's quickstarts, the portal's export and azd:
// azuredeploy.json → azuredeploy.parameters.json, main.template.json →
// main.parameters.json, template.json → parameters.json, main.bicep →
// main.parameters.json.
func parameterCandidates(name string) []string {
	if name == "-" {
		return nil
	}
	dir, base := filepath.Split(name)
	lower := strings.ToLower(base)
	ext := filepath.Ext(lower)
	if (ext != ".json" && ext != ".bicep") || strings.HasSuffix(lower, ".parameters.json") {
		return nil
	}
	stem := base[:len(base)-len(ext)]
	out := []string{stem + ".parameters.json"}
	switch ls := strings.ToLower(stem); {
	case ls == "template":
		out = append(out, "parameters.json")
	case strings.HasSuffix(ls, ".template"):
		out = append(out, stem[:len(stem)-len(".template")]+".parameters.json")
	}
	for i, c := range out {
		out[i] = filepath.Join(dir, c)
	}
	return out
}

// findParameters returns the parameters of template name: the pinned file
// when --parameters was given, else the first conventional sibling that is a
// deployment parameters file. A sibling that exists but cannot be read is a
// warning: the template is still evaluated, with its defaults.
func findParameters(name string, sibling siblingFunc, pinned *paramFile) (*paramFile, source.Diagnostics) {
	if pinned != nil {
		return pinned, nil
	}
	var diags source.Diagnostics
	for _, c := range parameterCandidates(name) {
		raw, ok, err := sibling(c)
		if !ok {
			continue
		}
		if err != nil {
			diags = append(diags, source.Warnf(name, 0, "parameters file %s: %s; evaluating without it", c, describe(err)))
			continue
		}
		text, binary, err := decodeText(raw)
		if err != nil || binary || Detect(c, text) != ARMParameters {
			continue
		}
		return &paramFile{name: filepath.Clean(c), data: text}, diags
	}
	return nil, diags
}
