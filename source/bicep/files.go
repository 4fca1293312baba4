package bicep

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/aksguard/aksguard/source"
	"github.com/aksguard/aksguard/source/armjson"
)

// Files other than the one read: modules, imports, the template a
// .bicepparam file uses, and the files load*Content() reads. Their paths
// are relative to the file that names them; they are read from Options.FS
// when set, else from the operating system.

// maxFileSize bounds the files read besides the input.
const maxFileSize = 8 << 20

// readFile reads a file named by a slash-separated path.
func (ev *evaluator) readFile(p string) ([]byte, error) {
	var r io.ReadCloser
	var err error
	if ev.opts.FS != nil {
		name := strings.TrimPrefix(path.Clean(p), "./")
		if !fs.ValidPath(name) {
			return nil, fmt.Errorf("%s is outside the scanned tree", p)
		}
		r, err = ev.opts.FS.Open(name)
	} else {
		r, err = os.Open(filepath.FromSlash(p))
	}
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("%s: no such file", p)
		case errors.Is(err, fs.ErrPermission):
			return nil, fmt.Errorf("%s: permission denied", p)
		}
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", p, err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s is larger than %d MiB", p, maxFileSize>>20)
	}
	return data, nil
}

// load reads and parses a Bicep file (a module or an import), once per
// path. It returns nil without an error for a file that is not Bicep.
func (ev *evaluator) load(p string) (*file, error) {
	if f, ok := ev.files[p]; ok {
		return f, nil
	}
	if ext := strings.ToLower(path.Ext(p)); ext == ".json" || ext == ".jsonc" {
		return nil, nil
	}
	data, err := ev.readFile(p)
	if err != nil {
		return nil, err
	}
	return ev.parse(p, data), nil
}

// parse parses a file and reports its syntax errors, once per path.
func (ev *evaluator) parse(name string, data []byte) *file {
	if f, ok := ev.files[name]; ok {
		return f
	}
	f := parse(name, string(data))
	for _, e := range f.diags {
		ev.add(source.Diagnostic{Severity: source.Error, Input: name, Line: e.pos.Line, Column: e.pos.Col, Message: "syntax error: " + e.msg})
	}
	ev.files[name] = f
	return f
}

// Imports: import {a, b as c} from 'x.bicep' binds exported variables,
// functions and types of another file; import * as ns binds them all
// under ns. The imported file is evaluated once, in the importing file's
// deployment context.

func (s *scope) addImport(d *importDecl) {
	if d.path == "" {
		return // an extension (az, kubernetes, microsoftGraph): no values
	}
	if isRegistry(d.path) {
		s.ev.errorf(s.name, d.pathPos, "import from %s not scanned: registry files cannot be fetched", d.path)
	}
	p := resolvePath(s.name, d.path)
	for _, n := range d.names {
		s.imported[n.alias] = importRef{path: p, name: n.name, p: n.p, registry: isRegistry(d.path)}
	}
	if d.wildcard != "" {
		s.nsPaths[d.wildcard] = importRef{path: p, p: d.pathPos, registry: isRegistry(d.path)}
	}
}

// importScope returns the scope of an imported file, nil when it cannot be
// read (reported once).
func (s *scope) importScope(im importRef) *scope {
	if im.registry {
		return nil
	}
	if sc, ok := s.ev.imports[im.path]; ok {
		if sc == nil {
			s.ev.warn(s.name, im.p.Line, "the import of %s is circular", im.path)
		}
		return sc
	}
	s.ev.imports[im.path] = nil
	f, err := s.ev.load(im.path)
	if err == nil && f == nil {
		err = fmt.Errorf("only Bicep files can be imported")
	}
	if err != nil {
		s.ev.errorf(s.name, im.p, "import from %s not scanned: %v", im.path, err)
		return nil
	}
	sc := s.ev.newScope(f, s.dep, s.lib, given{}, s.depth+1, marks{})
	s.ev.imports[im.path] = sc
	return sc
}

// namespace returns the scope bound by import * as alias, or nil.
func (s *scope) namespace(alias string) *scope {
	im, ok := s.nsPaths[alias]
	if !ok {
		return nil
	}
	if sc := s.importScope(im); sc != nil {
		return sc
	}
	return nil
}

// importedValue is the value of an imported variable.
func (s *scope) importedValue(im importRef, line int) *armjson.Node {
	sc := s.importScope(im)
	if sc == nil {
		return unknownf("%s is imported from %s, which is not scanned", im.name, im.path)
	}
	if sl := sc.vars[im.name]; sl != nil {
		return s.ev.relocate(sc.resolve(sl), 0)
	}
	return s.failf(Pos{Line: line}, "%s has no exported variable %q", im.path, im.name)
}
