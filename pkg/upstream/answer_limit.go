package upstream

import (
	"bytes"
	"fmt"
	"io"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// Bounds on what one upstream answer may hold. Bytes are counted after decompression (Go's client inflates gzip
// answers transparently), so a small compressed answer cannot unfold past them.
const (
	// MaxAnswerBytes is the ceiling on any answer, whatever the settings allow.
	MaxAnswerBytes = 512 << 20
	// maxJSONStringBytes bounds one JSON string (a label, a warning, an error): decoders hold a string whole.
	maxJSONStringBytes = 1 << 20
	// answerOverheadBytes is the allowance for what an answer holds besides its series (status, warnings, meta).
	answerOverheadBytes = 1 << 20
	// seriesOverheadBytes is each series' allowance for its labels and, in data frames, its schema.
	seriesOverheadBytes = 16 << 10
	// Bytes a point may take: a Prometheus sample `[1700000000.123,"-1.2345678901234567e-123"],` is at most 44;
	// a data-frames point is a time and a value in two arrays, plus the label columns of a long frame.
	prometheusBytesPerPoint = 64
	framesBytesPerPoint     = 128
	// smallAnswerBytes bounds answers that hold no series (health checks, annotations).
	smallAnswerBytes = 64 << 20
)

// answerLimit is the byte bound of one answer and, for its error, what sets it.
type answerLimit struct {
	Bytes int64
	Why   string
}

// seriesAnswerLimit allows series × points points of bytesPerPoint each, plus overheads, under MaxAnswerBytes.
// pointsFrom says where the points per series come from, for the error.
func seriesAnswerLimit(series, points int, bytesPerPoint int64, pointsFrom string) answerLimit {
	if series <= 0 || points <= 0 {
		return ceilingLimit()
	}
	perSeries := seriesOverheadBytes + int64(points)*bytesPerPoint
	if int64(series) > (MaxAnswerBytes-answerOverheadBytes)/perSeries {
		return ceilingLimit()
	}
	return answerLimit{
		Bytes: answerOverheadBytes + int64(series)*perSeries,
		Why: fmt.Sprintf("the most maxSeries (%d) series of %d points (%s) may take at %d bytes a point; raise maxSeries or maxPointsPerSeries, or narrow the query",
			series, points, pointsFrom, bytesPerPoint),
	}
}

func ceilingLimit() answerLimit {
	return answerLimit{Bytes: MaxAnswerBytes, Why: "the most Foresight reads from any answer"}
}

// answerReader reads an answer within its bounds: at most limit.Bytes, and no JSON string longer than
// maxJSONStringBytes. Its first error (a bound, or the transport's) sticks, so decoders can report it rather
// than the JSON it cut short.
type answerReader struct {
	r     io.Reader
	what  string
	limit answerLimit
	read  int64
	scan  jsonStringScanner
	err   error
}

func newAnswerReader(body io.Reader, what string, limit answerLimit) *answerReader {
	return &answerReader{r: body, what: what, limit: limit}
}

func (a *answerReader) Read(p []byte) (int, error) {
	if a.err != nil {
		return 0, a.err
	}
	if left := a.limit.Bytes - a.read; int64(len(p)) > left+1 {
		p = p[:left+1] // one byte past the bound tells a full answer from a too long one
	}
	n, err := a.r.Read(p)
	a.read += int64(n)
	switch {
	case a.read > a.limit.Bytes:
		err = fmt.Errorf("%w: %s answered with more than %s, %s", models.ErrLimit, a.what, formatBytes(a.limit.Bytes), a.limit.Why)
	case !a.scan.fits(p[:n]):
		err = fmt.Errorf("%w: %s answered with a JSON string longer than %s, more than Foresight reads in one string", models.ErrLimit, a.what, formatBytes(maxJSONStringBytes))
	}
	if err != nil {
		a.err = err
	}
	return n, err
}

// Err is the reader's first error other than the end of the answer.
func (a *answerReader) Err() error {
	if a.err == io.EOF { //nolint:errorlint // io.EOF is returned bare by contract
		return nil
	}
	return a.err
}

// jsonStringScanner follows JSON text across reads and measures the string being read, so a single string
// token can be refused before a decoder holds it whole. It needs no validity: the decoder judges that.
type jsonStringScanner struct {
	inString, escaped bool
	run               int // bytes of the current string so far
}

// fits scans the next chunk and says whether every string in it stays within maxJSONStringBytes.
func (s *jsonStringScanner) fits(chunk []byte) bool {
	for i := 0; i < len(chunk); {
		if !s.inString {
			q := bytes.IndexByte(chunk[i:], '"')
			if q < 0 {
				return true
			}
			i += q + 1
			s.inString, s.run = true, 0
			continue
		}
		if s.escaped { // the byte after a backslash never ends the string
			s.escaped = false
			s.run++
			i++
			continue
		}
		rest := chunk[i:]
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			end = len(rest)
		}
		if b := bytes.IndexByte(rest[:end], '\\'); b >= 0 {
			s.run += b + 1
			s.escaped = true
			i += b + 1
		} else if end == len(rest) {
			s.run += end
			i = len(chunk)
		} else {
			s.run += end
			s.inString = false
			i += end + 1
		}
		if s.run > maxJSONStringBytes {
			return false
		}
	}
	return true
}

func formatBytes(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
}
