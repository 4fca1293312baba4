//go:build unix

package load

import (
	"io/fs"
	"path/filepath"
	"syscall"
)

// fileKey identifies a file or directory whatever the path to it: device
// and inode where the system has them, else the resolved path.
type fileKey struct {
	dev, ino uint64
	path     string
}

func keyOf(name string, fi fs.FileInfo) fileKey {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fileKey{dev: uint64(st.Dev), ino: uint64(st.Ino)} //nolint:unconvert // Dev is int32 on some systems
	}
	return pathKey(name)
}

func pathKey(name string) fileKey {
	if p, err := filepath.EvalSymlinks(name); err == nil {
		name = p
	}
	if p, err := filepath.Abs(name); err == nil {
		name = p
	}
	return fileKey{path: name}
}
