package engine

import (
	"errors"
	"math"
	"math/bits"
)

// Values on a grid of a power-of-two step as text inside a model's JSON (src/model/valueSteps.ts, the same
// format): each value is a whole number k of steps; the text holds k₀ and then each kᵢ − kᵢ₋₁, zigzagged and
// written five bits a character, least significant first, in the base64 alphabet, a character from 'g' (32)
// on saying more bits follow. A past model's values restore from it in one call, as from float64 text, and the
// text is a quarter as long.

const (
	// maxGridSteps bounds |k| (MAX_GRID_STEPS): differences then zigzag under 2⁵³.
	maxGridSteps = 1 << 51
	// maxStepDigits is the most characters a number takes: 53 bits, five a character.
	maxStepDigits = 11
	// maxDecodedSteps bounds DecodeValueSteps (MAX_DECODED_STEPS).
	maxDecodedSteps = 50_000_000
	stepMore        = 32
	stepAlphabet    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
)

// errValueGrid and errValueSteps are VALUE_GRID_ERROR and VALUE_STEPS_ERROR, the same texts.
var (
	errValueGrid  = errors.New("the step must be a power of two of at least 2^-1022 and every value under 2^51 steps from 0")
	errValueSteps = errors.New("the text is not steps of values on a power-of-two grid")
)

// stepDigits is each byte's 6-bit value in the alphabet, notADigit outside it.
var stepDigits = func() (table [256]uint8) {
	for i := range table {
		table[i] = notADigit
	}
	for i := range uint8(len(stepAlphabet)) {
		table[stepAlphabet[i]] = i
	}
	return table
}()

const notADigit = 0xff

// isGridStep says whether step is a power of two in [2^-1022, 2^1023].
func isGridStep(step float64) bool {
	b := math.Float64bits(step)
	exponent := b >> 52 // the sign bit too: a negative step is out of range
	return b&(1<<52-1) == 0 && exponent >= 1 && exponent <= 2046
}

// CoarsestBinaryStep is TextKernels.coarsestBinaryStep (src/model/types.ts): the largest power of two every value
// is a whole multiple of, +Inf when every value is 0 (or there are none), 0 when one is not finite.
func CoarsestBinaryStep(values []float64) float64 {
	lowest := math.MaxInt
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0
		}
		if v == 0 {
			continue
		}
		b := math.Float64bits(v)
		exponent := int(b>>52) & 0x7ff
		mantissa := b & (1<<52 - 1)
		base := exponent - 1075
		if exponent == 0 {
			base = -1074
		}
		zeros := 52
		if mantissa != 0 {
			zeros = bits.TrailingZeros64(mantissa)
		}
		lowest = min(lowest, base+zeros)
	}
	if lowest == math.MaxInt {
		return math.Inf(1)
	}
	return math.Ldexp(1, lowest)
}

// EncodeValueSteps is TextKernels.encodeValueSteps: each value rounded to the nearest multiple of step (ties up,
// floor(v/step + 0.5) as the TypeScript kernel), written as value steps. A step that is not a power of two, or a
// value 2⁵¹ steps or more from 0, is refused.
func EncodeValueSteps(values []float64, step float64) (string, error) {
	if !isGridStep(step) {
		return "", errValueGrid
	}
	out := make([]byte, 0, 3*len(values))
	// Whole numbers in float64, as the TypeScript kernel keeps them: |k| < 2⁵¹, so d and z are exact.
	previous := 0.0
	for _, v := range values {
		k := math.Floor(v/step + 0.5)
		if !(math.Abs(k) < maxGridSteps) || math.IsInf(k*step, 0) {
			return "", errValueGrid
		}
		d := k - previous
		previous = k
		var z uint64
		if d >= 0 {
			z = uint64(2 * d)
		} else {
			z = uint64(-2*d - 1)
		}
		for z >= stepMore {
			out = append(out, stepAlphabet[stepMore+z%stepMore])
			z /= stepMore
		}
		out = append(out, stepAlphabet[z])
	}
	return string(out), nil
}

// DecodeValueSteps is TextKernels.decodeValueSteps: the values EncodeValueSteps wrote. It refuses what the
// TypeScript kernel refuses (bytes outside the alphabet, a number left open or longer than it needs or than 11
// characters, a value 2⁵¹ steps or more from 0 or past float64's range, a step not a power of two), allocating
// no more than one value per byte of text.
func DecodeValueSteps(text string, step float64) ([]float64, error) {
	if !isGridStep(step) {
		return nil, errValueSteps
	}
	n := 0
	for i := range len(text) {
		c := stepDigits[text[i]]
		if c == notADigit {
			return nil, errValueSteps
		}
		if c < stepMore {
			n++
		}
	}
	if (len(text) > 0 && stepDigits[text[len(text)-1]] >= stepMore) || n > maxDecodedSteps {
		return nil, errValueSteps
	}
	values := make([]float64, n)
	// k is a whole number; its largest magnitude is checked once, after the loop (every value is refused alike).
	k, largest := 0.0, 0.0
	for i, at := 0, 0; i < len(text); at++ {
		c := stepDigits[text[i]]
		i++
		z := uint64(c % stepMore)
		// The text ends with a number's last character (checked above), so a number's characters are all there.
		for shift := 5; c >= stepMore; shift += 5 {
			if shift >= 5*maxStepDigits {
				return nil, errValueSteps
			}
			c = stepDigits[text[i]]
			i++
			z |= uint64(c%stepMore) << shift
			if c == 0 || z >= 1<<53 {
				return nil, errValueSteps // a last character of 0 after others: written longer than it needs
			}
		}
		d := float64(z >> 1)
		if z&1 == 1 {
			d = -d - 1
		}
		k += d
		largest = max(largest, math.Abs(k))
		values[at] = k * step
	}
	if largest >= maxGridSteps || math.IsInf(largest*step, 0) {
		return nil, errValueSteps
	}
	return values, nil
}
