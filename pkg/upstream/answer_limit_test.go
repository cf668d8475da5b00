package upstream

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

func TestAnswerReader(t *testing.T) {
	read := func(body string, limit int64) ([]byte, error) {
		r := newAnswerReader(strings.NewReader(body), "Prometheus", answerLimit{Bytes: limit, Why: "the test's bound"})
		return io.ReadAll(iotest.OneByteReader(r))
	}
	t.Run("should pass an answer at its byte bound", func(t *testing.T) {
		if got, err := read("12345", 5); err != nil || string(got) != "12345" {
			t.Errorf("at the limit: %q, %v", got, err)
		}
	})
	t.Run("should stop one byte past the bound, saying what set it", func(t *testing.T) {
		_, err := read("123456", 5)
		if !errors.Is(err, models.ErrLimit) || !strings.Contains(err.Error(), "Prometheus answered with more than 0.0 KiB, the test's bound") {
			t.Errorf("past the limit: %v", err)
		}
	})
	long := strings.Repeat("x", maxJSONStringBytes)
	t.Run("should pass strings up to the string bound, escapes and all", func(t *testing.T) {
		for _, body := range []string{`["` + long + `"]`, `["` + long[2:] + `\"", "` + long + `"]`, `{"a\\":"` + long + `"}`} {
			if _, err := read(body, 1<<30); err != nil {
				t.Errorf("%.20q…: %v", body, err)
			}
		}
	})
	t.Run("should refuse a string one byte past the bound, however it is cut", func(t *testing.T) {
		for _, body := range []string{`["` + long + `x"]`, `["` + long[2:] + `\"\\x"]`, `{"` + long + `x":1}`} {
			_, err := read(body, 1<<30)
			if !errors.Is(err, models.ErrLimit) || !strings.Contains(err.Error(), "a JSON string longer than 1.0 MiB") {
				t.Errorf("%.20q…: %v", body, err)
			}
		}
	})
}
