//go:build !unix

package load

import (
	"io/fs"
	"path/filepath"
)

// fileKey identifies a file or directory by its resolved path where the
// system gives no inode.
type fileKey struct {
	dev, ino uint64
	path     string
}

func keyOf(name string, _ fs.FileInfo) fileKey {
	if p, err := filepath.EvalSymlinks(name); err == nil {
		name = p
	}
	if p, err := filepath.Abs(name); err == nil {
		name = p
	}
	return fileKey{path: name}
}
