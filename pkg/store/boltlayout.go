package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"slices"
)

// bbolt's file layout, as far as the start needs it: every page opens with a 16-byte header (id, flags, count,
// overflow); pages 0 and 1 are meta pages, the current one names the free list page. bbolt reads that page inside
// Open, where a count past the file's end faults with the file already locked and mapped: a recovered fault there
// leaves both held until the process ends, and ids naming live pages are handed out by the next commit over them.
// So the page is checked here first, from the file.
const (
	pageHeaderBytes  = 16
	metaBytes        = 64 // magic, version, page size, flags, root bucket (16), free list, high water, txid, checksum
	metaMagic        = 0xED0CDAED
	metaVersion      = 2
	freelistFlag     = 0x10
	freelistBigCount = 0xFFFF // the count is then the first element
	noFreelist       = ^uint64(0)
	maxPageSizeShift = 14   // bbolt looks for the second meta page at 1 KiB << 0..14
	minPageSize      = 1024 // the smallest page bbolt looks for
)

// meta is what the start reads of a meta page.
type meta struct {
	valid                     bool
	pageSize                  uint32
	freelist, highWater, txid uint64
}

func readMeta(f io.ReaderAt, at int64) meta {
	buf := make([]byte, pageHeaderBytes+metaBytes)
	if _, err := f.ReadAt(buf, at); err != nil {
		return meta{}
	}
	m := buf[pageHeaderBytes:]
	h := fnv.New64a()
	_, _ = h.Write(m[:56])
	return meta{
		valid: binary.LittleEndian.Uint32(m) == metaMagic && binary.LittleEndian.Uint32(m[4:]) == metaVersion &&
			h.Sum64() == binary.LittleEndian.Uint64(m[56:]),
		pageSize: binary.LittleEndian.Uint32(m[8:]),
		freelist: binary.LittleEndian.Uint64(m[32:]), highWater: binary.LittleEndian.Uint64(m[40:]),
		txid: binary.LittleEndian.Uint64(m[48:]),
	}
}

// currentMeta is the meta page bbolt opens the file with: the page size from the first meta page, or from a second
// found at 1 KiB << k; then of the two, the one with the higher txid if valid, else the other if valid.
func currentMeta(f io.ReaderAt, size int64) (meta, bool) {
	first := readMeta(f, 0)
	second := meta{}
	if first.valid {
		second = readMeta(f, int64(first.pageSize))
	} else {
		for k := 0; k <= maxPageSizeShift && int64(1024)<<k < size-1024; k++ {
			if second = readMeta(f, int64(1024)<<k); second.valid {
				break
			}
		}
	}
	higher, lower := first, second
	if second.txid > first.txid {
		higher, lower = second, first
	}
	switch {
	case higher.valid:
		return higher, true
	case lower.valid:
		return lower, true
	}
	return meta{}, false
}

// checkFreelist says whether the file has a free list page and refuses one bbolt could not read safely: outside the
// pages in use or the file, not marked as a free list, with ids running past its pages, or an id that is a meta
// page, past the high-water mark, or listed twice. A file whose meta pages are both invalid is left to bbolt,
// which refuses it without reading further.
func checkFreelist(path string) (bool, error) {
	f, err := os.Open(path) //nolint:gosec // the store's own file, in the directory the settings name
	if err != nil {
		return false, err
	}
	defer f.Close() //nolint:errcheck // read-only
	info, err := f.Stat()
	if err != nil {
		return false, err
	}
	size := uint64(info.Size()) //nolint:gosec // a file size is not negative
	m, ok := currentMeta(f, info.Size())
	if !ok || m.freelist == noFreelist {
		return false, nil
	}
	pageSize := uint64(m.pageSize)
	if pageSize < minPageSize {
		return true, fmt.Errorf("its meta page gives a page size of %d bytes", pageSize)
	}
	if m.freelist < 2 || m.freelist >= m.highWater || m.freelist >= size/pageSize {
		return true, fmt.Errorf("its free list page %d is not among the pages in use (2 to %d) in the file", m.freelist, m.highWater-1)
	}
	header := make([]byte, pageHeaderBytes+8)
	if _, err := f.ReadAt(header, int64(m.freelist*pageSize)); err != nil { //nolint:gosec // under the file's size
		return true, fmt.Errorf("its free list page %d cannot be read: %v", m.freelist, err)
	}
	flags, count, overflow := binary.LittleEndian.Uint16(header[8:]), uint64(binary.LittleEndian.Uint16(header[10:])), uint64(binary.LittleEndian.Uint32(header[12:]))
	// bbolt reads the page only with exactly this flag, and panics inside Open at any other.
	if flags != freelistFlag || overflow >= size/pageSize || (m.freelist+1+overflow)*pageSize > size {
		return true, fmt.Errorf("its page %d is not a free list within the file (flags %#x, %d overflow pages)", m.freelist, flags, overflow)
	}
	end := (m.freelist + 1 + overflow) * pageSize
	start := m.freelist*pageSize + pageHeaderBytes
	if count == freelistBigCount {
		count = binary.LittleEndian.Uint64(header[pageHeaderBytes:])
		start += 8
	}
	if count > (end-start)/8 || count > m.highWater {
		return true, fmt.Errorf("its free list names %d pages, more than its own pages hold", count)
	}
	raw := make([]byte, count*8)
	if _, err := f.ReadAt(raw, int64(start)); err != nil && !errors.Is(err, io.EOF) { //nolint:gosec // under the file's size
		return true, fmt.Errorf("its free list cannot be read: %v", err)
	}
	ids := make([]uint64, count)
	for i := range ids {
		ids[i] = binary.LittleEndian.Uint64(raw[8*i:])
	}
	slices.Sort(ids)
	for i, id := range ids {
		if id < 2 || id >= m.highWater || i > 0 && ids[i-1] == id {
			return true, fmt.Errorf("its free list names page %d, which is a meta page, past the pages in use (%d), or named twice", id, m.highWater)
		}
	}
	return true, nil
}
