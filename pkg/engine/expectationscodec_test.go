package engine

import (
	"encoding/binary"
	"math"
	"slices"
	"testing"
)

func codecSample() Expectations {
	times := gridTimes(1.7e12, 300000, 5)
	return Expectations{
		Times: times,
		members: []judgeInputs{
			{yhat: []float64{1, 2, math.NaN(), 4, 5}, extra: []float64{0, 0.5, 1, 1.5, 2}, band: JudgeBand{BandBelow: 1, BandAbove: 2, Z: 3, Floor: math.Inf(-1)}},
			{yhat: []float64{5, 4, 3, 2, 1}, band: JudgeBand{BandBelow: 0.25, ScoreHalf: 7}},
		},
		combine:   &combination{members: 2, k: 2, alone: []int8{0, 1, 0, 0, 1}, lead: 1},
		sustained: &sustainedInputs{skip: []int8{1, 0, 0, 1, 0}, k: 12, scaleBelow: 0.1, scaleAbove: 1.7e300, half: 3},
	}
}

// sameSustained says whether two sustained steps are the same, skip flags included.
func sameSustained(a, b *sustainedInputs) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.Equal(a.skip, b.skip) && (a.skip == nil) == (b.skip == nil) &&
		a.k == b.k && a.scaleBelow == b.scaleBelow && a.scaleAbove == b.scaleAbove && a.half == b.half
}

func TestExpectationsCodec(t *testing.T) {
	x := codecSample()
	encoded, err := x.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("should read back every field bit for bit, the grid's times from two floats", func(t *testing.T) {
		got, err := DecodeExpectations(encoded)
		if err != nil {
			t.Fatal(err)
		}
		if got.Bytes() != x.Bytes() || len(got.members) != 2 || got.combine == nil ||
			got.combine.k != 2 || got.combine.lead != 1 || got.members[1].extra != nil || got.members[0].band != x.members[0].band {
			t.Fatalf("decoded %+v", got)
		}
		for i, want := range x.Times {
			if !sameBits(got.Times[i], want) || !sameBits(got.members[0].yhat[i], x.members[0].yhat[i]) ||
				!sameBits(got.members[0].extra[i], x.members[0].extra[i]) || got.combine.alone[i] != x.combine.alone[i] {
				t.Fatalf("point %d differs", i)
			}
		}
		if !sameSustained(got.sustained, x.sustained) {
			t.Fatalf("sustained inputs %+v, want %+v", got.sustained, *x.sustained)
		}
		if len(encoded) > 8*(2+10+5+5+10+5+3)+32 {
			t.Errorf("%d bytes: the grid's times were listed", len(encoded))
		}
	})

	t.Run("should read back an ensemble no member leads (lead -1) and refuse a k outside 1..members", func(t *testing.T) {
		medians := codecSample()
		medians.combine = &combination{members: 2, k: 2, lead: -1}
		data, err := medians.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeExpectations(data)
		if err != nil || got.combine == nil || got.combine.lead != -1 || got.combine.alone != nil {
			t.Fatalf("decoded %+v, %v", got.combine, err)
		}
		for _, k := range []int{0, 3} {
			bad := codecSample()
			bad.combine.k = k
			data, err := bad.AppendBinary(nil)
			if err != nil {
				continue // refused when written: as good
			}
			if _, err := DecodeExpectations(data); err == nil {
				t.Errorf("k %d of 2 members decoded", k)
			}
		}
	})

	t.Run("should read back expectations without a sustained step as having none", func(t *testing.T) {
		plain := codecSample()
		plain.sustained = nil
		data, err := plain.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeExpectations(data)
		if err != nil || got.sustained != nil {
			t.Fatalf("decoded %+v, %v", got.sustained, err)
		}
	})

	t.Run("should refuse a sustained window outside 1..288 points or a scale not positive and finite", func(t *testing.T) {
		// Without skip flags the encoding ends with k (one byte), three floats and the has-skip flag.
		noSkip := codecSample()
		noSkip.sustained.skip = nil
		plain, err := noSkip.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		head := plain[:len(plain)-1-24-1]
		withTail := func(k uint64, below, above, half float64) []byte {
			data := binary.AppendUvarint(append([]byte(nil), head...), k)
			return append(appendFloats(data, below, above, half), 0)
		}
		if _, err := DecodeExpectations(withTail(288, 1, 1, 3)); err != nil {
			t.Fatalf("the longest window was refused: %v", err)
		}
		for name, data := range map[string][]byte{
			"k 0": withTail(0, 1, 1, 3), "k 289": withTail(289, 1, 1, 3), "k 2^64-1": withTail(math.MaxUint64, 1, 1, 3),
			"scale below 0": withTail(12, 0, 1, 3), "scale above -1": withTail(12, 1, -1, 3),
			"scale below NaN": withTail(12, math.NaN(), 1, 3), "scale above +Inf": withTail(12, 1, math.Inf(1), 3),
			"half 0": withTail(12, 1, 1, 0),
		} {
			if _, err := DecodeExpectations(data); err == nil {
				t.Errorf("%s decoded", name)
			}
		}
		for _, bad := range []sustainedInputs{{k: 0, scaleBelow: 1, scaleAbove: 1, half: 3}, {k: 2.5, scaleBelow: 1, scaleAbove: 1, half: 3},
			{k: 12, scaleBelow: math.Inf(1), scaleAbove: 1, half: 3}} {
			x := codecSample()
			x.sustained = &bad
			if _, err := x.AppendBinary(nil); err == nil {
				t.Errorf("sustained inputs %+v encoded", bad)
			}
		}
	})

	t.Run("should refuse skip flags that do not match the times, and read back none as none", func(t *testing.T) {
		short := codecSample()
		short.sustained.skip = []int8{1, 0}
		if _, err := short.AppendBinary(nil); err == nil {
			t.Error("skip flags for 2 of 5 times encoded")
		}
		none := codecSample()
		none.sustained.skip = nil
		data, err := none.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeExpectations(data)
		if err != nil || !sameSustained(got.sustained, none.sustained) {
			t.Fatalf("decoded %+v, %v", got.sustained, err)
		}
		if _, err := DecodeExpectations(data[:len(data)-1]); err == nil {
			t.Error("an encoding cut before its has-skip flag decoded")
		}
	})

	t.Run("should refuse version 1, which did not record the sustained step, to have it computed again", func(t *testing.T) {
		plain := codecSample()
		plain.sustained = nil
		data, err := plain.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		v1 := append([]byte{1}, data[1:len(data)-1]...) // version 1's layout: no sustained flag
		if _, err := DecodeExpectations(v1); err == nil {
			t.Error("a version-1 encoding was decoded")
		}
	})

	t.Run("should list times off a regular grid", func(t *testing.T) {
		odd := codecSample()
		odd.Times[3]++
		data, err := odd.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeExpectations(data)
		if err != nil || !sameBits(got.Times[3], odd.Times[3]) || !sameBits(got.Times[4], odd.Times[4]) {
			t.Fatalf("times %v, %v", got.Times, err)
		}
	})

	t.Run("should refuse a truncated, longer or altered encoding without panicking", func(t *testing.T) {
		for cut := range len(encoded) {
			if _, err := DecodeExpectations(encoded[:cut]); err == nil {
				t.Fatalf("cut to %d bytes: decoded", cut)
			}
		}
		if _, err := DecodeExpectations(append(append([]byte(nil), encoded...), 0)); err == nil {
			t.Error("a trailing byte was ignored")
		}
		for i := range encoded {
			for _, v := range []byte{0, 1, 2, 0x7f, 0xff} {
				altered := append([]byte(nil), encoded...)
				altered[i] = v
				_, _ = DecodeExpectations(altered) // a float's bits may change validly; a layout byte must not panic
			}
		}
		altered := append([]byte(nil), encoded...)
		altered[0] = expectationsCodecVersion + 1
		if _, err := DecodeExpectations(altered); err == nil {
			t.Error("another version was decoded")
		}
	})

	t.Run("should refuse a time count past its bound before allocating", func(t *testing.T) {
		huge := []byte{expectationsCodecVersion, 0xff, 0xff, 0xff, 0xff, 0x0f, 1}
		if _, err := DecodeExpectations(huge); err == nil {
			t.Error("decoded")
		}
	})
}
