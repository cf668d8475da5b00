package store_test

import (
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/foresight-anomaly/foresight/pkg/store"
)

// TestDiskFull fills a small tmpfs; mounting it needs root, so elsewhere the test is skipped.
func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=256k"); err != nil {
		t.Skipf("cannot mount a small tmpfs to fill: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, 0) })
	t.Run("should keep answering reads from a full disk, reporting the refused writes once", func(t *testing.T) {
		d := openDisk(t, dir, "ds")
		var reports []error
		g := store.Guard(d, time.Hour, func(err error) { reports = append(reports, err) })
		defer g.Close() //nolint:errcheck
		mustPut(t, g, "fit", []byte("model"), 0)
		d.Flush()
		var err error
		for i := 0; err == nil && i < 100; i++ {
			err = g.Put(ctx, fmt.Sprint("fit", i), make([]byte, 20_000), 0)
			d.Flush()
		}
		if !errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("filling the disk: %v", err)
		}
		if value, ok, err := g.Get(ctx, "fit"); err != nil || !ok || string(value) != "model" {
			t.Fatalf("read from a full disk: %q, %v, %v", value, ok, err)
		}
		if len(reports) != 1 || g.Down() {
			t.Fatalf("reports %v, down %v", reports, g.Down())
		}
	})
}
