package engine

import (
	"encoding/binary"
	"errors"
	"math"
)

// Expectations are kept in a model store beside their model, so a restarted process judges without a model call.
// The encoding holds every float64 by its bits (judging from decoded expectations is bit for bit what judging
// from the computed ones is):
//
//	version (1) · times: count (uvarint), kind (1: 0 listed, 1 a grid of first and step) and the floats ·
//	members (1) · per member: the band's 10 floats, has-extra (1), yhat and extra (count floats each) ·
//	combined (1) · if so: members, k and lead (uvarints; lead zig-zag), has-alone (1), alone (count bytes) ·
//	sustained (1) · if so: k (uvarint), scale below, scale above and the score's half (floats), has-skip (1),
//	skip (count bytes)
//
// Bump the version whenever what a recorded input means changes, even with the layout unchanged: stored
// expectations are keyed by their model text's digest alone. Version 2 added the sustained step. Version 1 is refused, not read as having none: expectations are stored under
// their model text's digest, and a version-1 writer did not record the step even for a text that has one (a model
// fitted by a newer replica), so refusing them has them computed again from the model, once per fit.
const expectationsCodecVersion = 2

// Bounds of a decoded value: a day at 5-second steps is 17,280 points; an ensemble has a handful of members.
const (
	maxEncodedTimes   = 1 << 20
	maxEncodedMembers = 64
)

var errBadExpectations = errors.New("stored expectations are damaged or of another layout")

// AppendBinary appends the encoding of x to b.
func (x Expectations) AppendBinary(b []byte) ([]byte, error) {
	n := len(x.Times)
	if len(x.members) == 0 || len(x.members) > maxEncodedMembers || n > maxEncodedTimes {
		return b, errors.New("expectations out of the encoding's bounds")
	}
	b = append(b, expectationsCodecVersion)
	b = binary.AppendUvarint(b, uint64(n))
	if first, step, ok := regularGrid(x.Times); ok {
		b = append(b, 1)
		b = appendFloats(b, first, step)
	} else {
		b = append(b, 0)
		b = appendFloats(b, x.Times...)
	}
	b = append(b, byte(len(x.members))) //nolint:gosec // at most maxEncodedMembers, checked above
	for _, m := range x.members {
		if len(m.yhat) != n || (m.extra != nil && len(m.extra) != n) {
			return b, errors.New("expectations with a member off their times")
		}
		band := m.band
		b = appendFloats(b, band.BandBelow, band.BandAbove, band.Z, band.OutlierBelow, band.OutlierAbove, band.OutlierZ,
			band.ScaleBelow, band.ScaleAbove, band.ScoreHalf, band.Floor)
		b = appendFlag(b, m.extra != nil)
		b = appendFloats(b, m.yhat...)
		b = appendFloats(b, m.extra...)
	}
	b = appendFlag(b, x.combine != nil)
	if c := x.combine; c != nil {
		if c.members < 0 || c.k < 0 || (c.alone != nil && len(c.alone) != n) {
			return b, errors.New("expectations with a combination off their times")
		}
		b = binary.AppendUvarint(b, uint64(c.members))
		b = binary.AppendUvarint(b, uint64(c.k))
		b = binary.AppendVarint(b, int64(c.lead))
		b = appendFlag(b, c.alone != nil)
		for _, a := range c.alone {
			b = append(b, byte(a)) //nolint:gosec // an int8's bits, read back as int8
		}
	}
	b = appendFlag(b, x.sustained != nil)
	if s := x.sustained; s != nil {
		if !s.valid() {
			return b, errors.New("expectations with a sustained step out of the encoding's bounds")
		}
		if s.skip != nil && len(s.skip) != len(x.Times) {
			return b, errors.New("expectations with sustained skip flags that do not match their times")
		}
		b = binary.AppendUvarint(b, uint64(s.k))
		b = appendFloats(b, s.scaleBelow, s.scaleAbove, s.half)
		b = appendFlag(b, s.skip != nil)
		for _, a := range s.skip {
			b = append(b, byte(a)) //nolint:gosec // an int8's bits, read back as int8
		}
	}
	return b, nil
}

// DecodeExpectations reads what AppendBinary wrote; anything else (damaged, truncated, longer, another version)
// is an error, never a panic.
func DecodeExpectations(data []byte) (Expectations, error) {
	r := codecReader{data: data}
	if r.u8() != expectationsCodecVersion {
		return Expectations{}, errBadExpectations
	}
	count := r.uvarint()
	if r.bad || count > maxEncodedTimes {
		return Expectations{}, errBadExpectations
	}
	n := int(count)
	var x Expectations
	switch r.u8() {
	case 0:
		x.Times = r.floats(n)
	case 1:
		grid := r.floats(2)
		if !r.bad && len(r.data)/8 >= n { // a member's expectations follow: a damaged count allocates no more than they hold
			x.Times = gridTimes(grid[0], grid[1], n)
		} else {
			r.bad = true
		}
	default:
		r.bad = true
	}
	members := int(r.u8())
	if r.bad || members == 0 || members > maxEncodedMembers {
		return Expectations{}, errBadExpectations
	}
	x.members = make([]judgeInputs, members)
	for j := range x.members {
		f := r.floats(10)
		if r.bad {
			return Expectations{}, errBadExpectations
		}
		m := &x.members[j]
		m.band = JudgeBand{BandBelow: f[0], BandAbove: f[1], Z: f[2], OutlierBelow: f[3], OutlierAbove: f[4], OutlierZ: f[5],
			ScaleBelow: f[6], ScaleAbove: f[7], ScoreHalf: f[8], Floor: f[9]}
		hasExtra := r.flag()
		m.yhat = r.floats(n)
		if hasExtra {
			m.extra = r.floats(n)
		}
	}
	if r.flag() {
		c := &combination{}
		cm, k, lead := r.uvarint(), r.uvarint(), r.varint()
		// lead −1: no member leads (the members' medians are drawn), as combineVerdicts allows.
		if cm != uint64(members) || k < 1 || k > cm || lead < -1 || lead >= int64(members) {
			return Expectations{}, errBadExpectations
		}
		c.members, c.k, c.lead = int(cm), int(k), int(lead) //nolint:gosec // each bounded by members above
		if r.flag() {
			if c.lead < 0 {
				return Expectations{}, errBadExpectations // only a lead judges days alone
			}
			raw := r.bytes(n)
			if !r.bad {
				c.alone = make([]int8, n)
				for i, a := range raw {
					c.alone[i] = int8(a) //nolint:gosec // written from an int8
				}
			}
		}
		x.combine = c
	} else if members != 1 {
		r.bad = true
	}
	x.sustained = r.sustained(len(x.Times))
	if r.bad || len(r.data) != 0 || !sortedTimes(x.Times) {
		return Expectations{}, errBadExpectations
	}
	return x, nil
}

// sustained reads the sustained step's flag and inputs: nil for none, and the reader bad for inputs no model
// passes (sustainedInputs.valid).
func (r *codecReader) sustained(n int) *sustainedInputs {
	if !r.flag() {
		return nil
	}
	k := r.uvarint()
	f := r.floats(3)
	if r.bad || k > maxSustainedPoints { // before the float conversion valid() checks, so a huge k is never converted
		r.bad = true
		return nil
	}
	s := sustainedInputs{k: float64(k), scaleBelow: f[0], scaleAbove: f[1], half: f[2]}
	if !s.valid() {
		r.bad = true
		return nil
	}
	if r.flag() {
		raw := r.bytes(n)
		if r.bad {
			return nil
		}
		s.skip = make([]int8, n)
		for i, a := range raw {
			s.skip[i] = int8(a) //nolint:gosec // written from an int8
		}
	}
	return &s
}

// regularGrid says whether times are first, first+step, (first+step)+step, … as a piece's grid is built, so two
// floats rebuild them exactly.
func regularGrid(times []float64) (first, step float64, ok bool) {
	if len(times) < 2 {
		return 0, 0, false
	}
	first, step = times[0], times[1]-times[0]
	t := first
	for _, want := range times {
		if math.Float64bits(t) != math.Float64bits(want) {
			return 0, 0, false
		}
		t += step
	}
	return first, step, true
}

func gridTimes(first, step float64, n int) []float64 {
	times := make([]float64, n)
	t := first
	for i := range times {
		times[i] = t
		t += step
	}
	return times
}

func sortedTimes(times []float64) bool {
	for i := 1; i < len(times); i++ {
		if !(times[i-1] < times[i]) {
			return false
		}
	}
	return true
}

func appendFloats(b []byte, fs ...float64) []byte {
	for _, f := range fs {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
	}
	return b
}

func appendFlag(b []byte, set bool) []byte {
	if set {
		return append(b, 1)
	}
	return append(b, 0)
}

// codecReader reads an encoding; past its end or on a bad field it sets bad and returns zeros.
type codecReader struct {
	data []byte
	bad  bool
}

func (r *codecReader) u8() byte {
	if r.bad || len(r.data) < 1 {
		r.bad = true
		return 0
	}
	v := r.data[0]
	r.data = r.data[1:]
	return v
}

func (r *codecReader) flag() bool {
	switch r.u8() {
	case 0:
		return false
	case 1:
		return true
	}
	r.bad = true
	return false
}

func (r *codecReader) uvarint() uint64 { return readVarint(r, binary.Uvarint) }

func (r *codecReader) varint() int64 { return readVarint(r, binary.Varint) }

// readVarint reads one varint with read (binary.Uvarint or binary.Varint), marking the reader bad when it cannot.
func readVarint[T uint64 | int64](r *codecReader, read func([]byte) (T, int)) T {
	if r.bad {
		return 0
	}
	v, size := read(r.data)
	if size <= 0 {
		r.bad = true
		return 0
	}
	r.data = r.data[size:]
	return v
}

func (r *codecReader) bytes(n int) []byte {
	if r.bad || len(r.data) < n {
		r.bad = true
		return nil
	}
	v := r.data[:n]
	r.data = r.data[n:]
	return v
}

func (r *codecReader) floats(n int) []float64 {
	if r.bad || len(r.data)/8 < n {
		r.bad = true
		return nil
	}
	fs := make([]float64, n)
	for i := range fs {
		fs[i] = math.Float64frombits(binary.LittleEndian.Uint64(r.data[8*i:]))
	}
	r.data = r.data[8*n:]
	return fs
}
