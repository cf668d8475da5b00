package engine

import (
	"math"
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
		combine: &combination{members: 2, k: 2, alone: []int8{0, 1, 0, 0, 1}, lead: 1},
	}
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
		if len(encoded) > 8*(2+10+5+5+10+5)+32 {
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
