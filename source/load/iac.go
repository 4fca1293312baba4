package load

import (
	"bytes"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// IaC inputs that span files are planned before anything is read:
//
//   - Terraform is read per root module, a directory, never per file. A
//     directory with .tf or .tf.json files is a root unless another scanned
//     module calls it with a local source ("./modules/aks"): then it is read
//     through its caller, with the caller's arguments. A directory named by
//     one of its files on the command line is always a root.
//   - A Bicep file that a scanned .bicepparam file uses is read through
//     that parameters file (once per parameters file: dev, prod), and a
//     Bicep file another one calls as a local module is read through its
//     caller; other Bicep files are read on their own.

var (
	reTFSource     = regexp.MustCompile(`(?m)^\s*source\s*=\s*"(\.{1,2}/[^"]*)"`)
	reTFJSONSource = regexp.MustCompile(`"source"\s*:\s*"(\.{1,2}/[^"]*)"`)
	reBicepUsing   = regexp.MustCompile(`(?m)^\s*using\s+'([^']+)'`)
	reBicepModule  = regexp.MustCompile(`(?m)^\s*module\s+\w+\s+'([^':]+)'`)
)

// isTerraformName: *.tf or *.tf.json.
func isTerraformName(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, ".tf") || strings.HasSuffix(l, ".tf.json")
}

func isBicepName(name string) bool   { return strings.EqualFold(filepath.Ext(name), ".bicep") }
func isBicepParams(name string) bool { return strings.EqualFold(filepath.Ext(name), ".bicepparam") }

// paths joins and cleans input names the way the walk spells them: with the
// OS separator for Paths, with slashes inside an fs.FS.
type paths struct{ slash bool }

func (p paths) dir(name string) string {
	if p.slash {
		return path.Dir(name)
	}
	return filepath.Dir(name)
}

func (p paths) clean(name string) string {
	if p.slash {
		return path.Clean(name)
	}
	return filepath.Clean(name)
}

func (p paths) join(dir, rel string) string {
	if p.slash {
		return path.Join(dir, rel)
	}
	return filepath.Join(dir, filepath.FromSlash(rel))
}

// planIaC marks the files read through another input (their covered kind)
// and returns the Terraform root modules to read, in directory order.
func planIaC(inputs []input, p paths) (roots []input) {
	tfDirs := map[string]*input{} // dir → the root input, if it is one
	var dirOrder []string
	called := map[string]bool{}    // directories called as local modules
	bicepUsed := map[string]bool{} // Bicep files read through a caller
	for i := range inputs {
		in := &inputs[i]
		switch {
		case isTerraformName(in.name):
			in.covered = Terraform
			dir := p.dir(in.name)
			if tfDirs[dir] == nil {
				tfDirs[dir] = &input{name: dir, kind: Terraform}
				dirOrder = append(dirOrder, dir)
			}
			tfDirs[dir].explicit = tfDirs[dir].explicit || in.explicit
			// The Terraform reader reads the file again through its root
			// module: read it here without keeping it, and run the
			// expression only where a local source can be.
			data, _ := in.read()
			if !bytes.Contains(data, []byte(`"./`)) && !bytes.Contains(data, []byte(`"../`)) {
				continue
			}
			re := reTFSource
			if strings.HasSuffix(strings.ToLower(in.name), ".json") {
				re = reTFJSONSource
			}
			for _, m := range re.FindAllSubmatch(data, -1) {
				called[p.join(dir, string(m[1]))] = true
			}
		case isBicepParams(in.name):
			for _, m := range reBicepUsing.FindAllSubmatch(in.cache(), -1) {
				bicepUsed[p.join(p.dir(in.name), string(m[1]))] = true
			}
		case isBicepName(in.name):
			for _, m := range reBicepModule.FindAllSubmatch(in.cache(), -1) {
				bicepUsed[p.join(p.dir(in.name), string(m[1]))] = true
			}
		}
	}
	for i := range inputs {
		if in := &inputs[i]; isBicepName(in.name) && bicepUsed[p.clean(in.name)] {
			in.covered = Bicep
		}
	}
	for _, dir := range dirOrder {
		if r := tfDirs[dir]; r.explicit || !called[dir] {
			roots = append(roots, *r)
		}
	}
	return roots
}

// cache reads the input once for planning and keeps the bytes for the
// read proper. A read error is kept too: process reports it.
func (in *input) cache() []byte {
	data, err := in.read()
	in.read = func() ([]byte, error) { return data, err }
	return data
}
