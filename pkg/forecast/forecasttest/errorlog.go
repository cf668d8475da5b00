package forecasttest

import (
	"fmt"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
)

// ErrorLog is a logger that keeps every line logged at error level, for tests that hand it to what they test
// instead of swapping Grafana's global logger. Other levels go to the wrapped logger.
type ErrorLog struct {
	log.Logger
	mu    sync.Mutex
	lines []string
}

// NewErrorLog is an ErrorLog over a fresh Grafana logger.
func NewErrorLog() *ErrorLog { return &ErrorLog{Logger: log.New()} }

// Error keeps the line.
func (l *ErrorLog) Error(msg string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprint(append([]any{msg}, args...)...))
}

// Lines are the error lines kept so far.
func (l *ErrorLog) Lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}
