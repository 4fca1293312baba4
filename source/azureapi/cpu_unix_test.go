//go:build unix

package azureapi_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) the process has used: the
// reader's and the fake Azure's, whatever else the machine runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
