// Package selection keeps, per series, which model family (and parameters) serves it when a query asks for
// `model: auto`, and chooses it in the background: selection cross-validates several candidates and costs far
// more than a fit, so it never runs on the query path. A series without a selection yet is served by the
// default family while its selection waits in a bounded queue worked by a fixed number of workers.
package selection

import (
	"container/list"
	"context"
	"encoding/json"
	"sync"
	"time"
)

// Selection is the serving choice for one series.
type Selection struct {
	// Overrides are the params to set over the query's own: `model` and the family's parameters.
	Overrides map[string]json.RawMessage
	Family    string
	// Score is the serving candidate's cross-validated objective (lower is better).
	Score float64
	// At is when the serving choice was last confirmed or made.
	At time.Time
	// Trail lists the swaps so far, oldest first (bounded to MaxTrail).
	Trail []Swap
	// RankedAt is when every candidate was last ranked (zero: never, so the next run ranks them all).
	RankedAt time.Time `json:",omitzero"`
	// Shortlist holds the closest challengers of that ranking (at most ShortlistSize): the runs between full
	// rankings compare the serving model with these alone.
	Shortlist []Candidate `json:",omitempty"`
}

// Candidate names one of the engine's selection candidates: a family and the grid values it sets.
type Candidate struct {
	Family      string                     `json:"family"`
	Combination map[string]json.RawMessage `json:"combination"`
}

// DefaultInterval and DefaultRankEvery are Options.Interval's and Options.RankEvery's defaults.
const (
	DefaultInterval  = 24 * time.Hour
	DefaultRankEvery = 7 * 24 * time.Hour
)

// ShortlistSize is how many challengers of a full ranking the runs until the next one compare the serving model
// with: the runner-up and the one after it.
const ShortlistSize = 2

// Swap records one change of serving model.
type Swap struct {
	At                 time.Time
	From, To           string
	FromScore, ToScore float64
}

// Outcome is what one selection run decided.
type Outcome struct {
	Overrides map[string]json.RawMessage
	Family    string
	Score     float64
	// Swap is false when an incumbent was given and keeps serving (the challenger did not win by the margin);
	// IncumbentScore is then its score on the same cutoffs.
	Swap           bool
	IncumbentScore float64
	// Ranked says every candidate was compared (not only the incumbent's shortlist); Shortlist is then the
	// closest challengers of that ranking, best first.
	Ranked    bool
	Shortlist []Candidate
}

// Labels are the spans users labelled on a series, [from_ms, to_ms] pairs, as the engine's `labels` option
// takes them: a selection prefers candidates that find the incidents and stay quiet on the false alarms.
type Labels struct {
	Incidents   [][2]float64 `json:"incidents"`
	FalseAlarms [][2]float64 `json:"false_alarms"`
}

// Empty says whether there is no label at all.
func (l Labels) Empty() bool { return len(l.Incidents) == 0 && len(l.FalseAlarms) == 0 }

// SelectFunc runs one selection on a series' history and its labels; incumbent is nil for a first selection. An
// incumbent with a Shortlist asks for a re-evaluation against those candidates alone; without one, for a full
// ranking.
type SelectFunc func(ctx context.Context, ts, ys []float64, params json.RawMessage, labels Labels, incumbent *Selection) (Outcome, error)

// MaxTrail bounds the swaps remembered per series.
const MaxTrail = 16

// Options bound the background work. Zero values take the defaults.
type Options struct {
	// Workers run selections at once (default 1: selection must leave the cores to queries).
	Workers int
	// QueueSize is the most series waiting; beyond it requests are dropped and asked again by a later query.
	QueueSize int
	// MaxEntries bounds the series remembered (least recently used go first).
	MaxEntries int
	// Interval is how old a selection may get before a query asks for a re-evaluation (default a day).
	Interval time.Duration
	// RankEvery is how old a full ranking may get before a re-evaluation ranks every candidate again (default a
	// week); re-evaluations in between compare the serving model with the last ranking's shortlist, at about a
	// third of the cost. A series with labels, or whose serving model changed since, is always ranked in full.
	RankEvery time.Duration
	// Timeout bounds one selection run (default 2 minutes).
	Timeout time.Duration
	// MaxPoints bounds the history copied into the queue per series.
	MaxPoints int
	Now       func() time.Time
	// Persister, when set, keeps selections beyond the process (a restart or another replica reads them).
	Persister Persister
}

// Persister keeps selections in a store shared across restarts and replicas. Its failures are its own to report:
// a selection it cannot load is absent, one it cannot save lives in memory only.
type Persister interface {
	LoadMany(ctx context.Context, keys []string) map[string]Selection
	Save(ctx context.Context, key string, sel Selection)
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = 1
	}
	if o.QueueSize <= 0 {
		o.QueueSize = 256
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = 100_000
	}
	if o.Interval <= 0 {
		o.Interval = DefaultInterval
	}
	if o.RankEvery <= 0 {
		o.RankEvery = DefaultRankEvery
	}
	if o.Timeout <= 0 {
		o.Timeout = 2 * time.Minute
	}
	if o.MaxPoints <= 0 {
		o.MaxPoints = 50_000
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Stats counts what the service did.
type Stats struct {
	Entries, Pending                           int
	Selections, Swaps, Kept, Failures, Dropped int64
	// Rankings counts the selections that ranked every candidate (the rest compared a shortlist).
	Rankings int64
	// LastFailure is the most recent failed selection's error (model errors name no secret).
	LastFailure string
}

type job struct {
	key    string
	ts, ys []float64
	params json.RawMessage
	labels Labels
}

type entry struct {
	key       string
	selection Selection
}

// Service is safe for concurrent use. Close stops its workers.
type Service struct {
	fn    SelectFunc
	opts  Options
	queue chan job

	mu      sync.Mutex
	order   *list.List // front = most recently used
	entries map[string]*list.Element
	pending map[string]bool
	stats   Stats
	idle    *sync.Cond

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New starts the workers.
func New(fn SelectFunc, opts Options) *Service {
	opts = opts.withDefaults()
	ctx, cancel := context.WithCancel(context.Background())
	s := &Service{
		fn: fn, opts: opts, queue: make(chan job, opts.QueueSize),
		order: list.New(), entries: map[string]*list.Element{}, pending: map[string]bool{},
		ctx: ctx, cancel: cancel,
	}
	s.idle = sync.NewCond(&s.mu)
	for i := 0; i < opts.Workers; i++ {
		s.wg.Add(1)
		go s.work()
	}
	return s
}

// Close stops the workers; a selection in flight is cancelled.
func (s *Service) Close() {
	s.cancel()
	s.wg.Wait()
}

// Lookup returns the series' selection, and whether it is older than the interval (the caller may then ask
// for a re-evaluation with Request while the old choice keeps serving).
func (s *Service) Lookup(key string) (sel Selection, stale bool, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	el, found := s.entries[key]
	if !found {
		return Selection{}, false, false
	}
	s.order.MoveToFront(el)
	sel = el.Value.(*entry).selection
	return sel, s.opts.Now().Sub(sel.At) >= s.opts.Interval, true
}

// Prefetch loads from the Persister the selections among keys that memory lacks, in one batch (a query
// calls it before looking its series up one by one).
func (s *Service) Prefetch(ctx context.Context, keys []string) {
	if s.opts.Persister == nil {
		return
	}
	s.mu.Lock()
	var missing []string
	for _, key := range keys {
		if _, ok := s.entries[key]; !ok {
			missing = append(missing, key)
		}
	}
	s.mu.Unlock()
	if len(missing) == 0 {
		return
	}
	loaded := s.opts.Persister.LoadMany(ctx, missing)
	s.mu.Lock()
	defer s.mu.Unlock()
	for key, sel := range loaded {
		if _, ok := s.entries[key]; !ok { // a selection made meanwhile is newer
			s.store(key, sel)
		}
	}
}

// Request queues a selection for the series unless one is already waiting or running; the history is copied
// (its newest MaxPoints points). It reports whether the request was queued.
func (s *Service) Request(key string, ts, ys []float64, params json.RawMessage, labels Labels) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending[key] || s.ctx.Err() != nil {
		return false
	}
	// Requests are queued only under s.mu and workers only take from the queue, so room seen here is room at
	// the send: a full queue costs no copy of the history.
	if len(s.queue) == cap(s.queue) {
		s.stats.Dropped++
		return false
	}
	from := 0
	if len(ts) > s.opts.MaxPoints {
		from = len(ts) - s.opts.MaxPoints
	}
	s.queue <- job{key: key, ts: append([]float64(nil), ts[from:]...), ys: append([]float64(nil), ys[from:]...), params: append(json.RawMessage(nil), params...), labels: labels}
	s.pending[key] = true
	return true
}

// WaitIdle blocks until no selection is waiting or running (tests, shutdown).
func (s *Service) WaitIdle() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.pending) > 0 {
		s.idle.Wait()
	}
}

// Stats returns counts so far.
func (s *Service) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Entries = len(s.entries)
	st.Pending = len(s.pending)
	return st
}

func (s *Service) work() {
	defer s.wg.Done()
	for {
		select {
		case <-s.ctx.Done():
			return
		case j := <-s.queue:
			s.run(j)
		}
	}
}

func (s *Service) run(j job) {
	defer func() {
		s.mu.Lock()
		delete(s.pending, j.key)
		s.idle.Broadcast()
		s.mu.Unlock()
	}()
	var incumbent *Selection
	if sel, _, ok := s.Lookup(j.key); ok {
		if !j.labels.Empty() || s.opts.Now().Sub(sel.RankedAt) >= s.opts.RankEvery {
			sel.Shortlist = nil // a full ranking is due
		}
		incumbent = &sel
	}
	ctx, cancel := context.WithTimeout(s.ctx, s.opts.Timeout)
	defer cancel()
	out, err := s.safeSelect(ctx, j, incumbent)
	if next, ok := s.record(j.key, incumbent, out, err); ok && s.opts.Persister != nil {
		s.opts.Persister.Save(s.ctx, j.key, next)
	}
}

// record counts a run and keeps its decision; ok is false when the run failed.
func (s *Service) record(key string, incumbent *Selection, out Outcome, err error) (Selection, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.stats.Failures++
		s.stats.LastFailure = err.Error()
		return Selection{}, false
	}
	s.stats.Selections++
	next := s.decide(incumbent, out)
	s.store(key, next)
	return next, true
}

// decide is the serving choice after a run's outcome. Holds s.mu.
func (s *Service) decide(incumbent *Selection, out Outcome) Selection {
	now := s.opts.Now()
	var next Selection
	switch {
	case incumbent == nil:
		next = Selection{Overrides: out.Overrides, Family: out.Family, Score: out.Score, At: now}
	case out.Swap:
		s.stats.Swaps++
		trail := append(append([]Swap(nil), incumbent.Trail...), Swap{At: now, From: incumbent.Family, To: out.Family, FromScore: out.IncumbentScore, ToScore: out.Score})
		if len(trail) > MaxTrail {
			trail = trail[len(trail)-MaxTrail:]
		}
		next = Selection{Overrides: out.Overrides, Family: out.Family, Score: out.Score, At: now, Trail: trail}
	default:
		s.stats.Kept++
		next = *incumbent
		next.Score, next.At = out.IncumbentScore, now
		if out.Family == incumbent.Family && out.Overrides != nil {
			// The engine's answer for the kept model: how it serves now (a selection saved when a decomposition
			// served alone moves inside the ensemble).
			next.Overrides = out.Overrides
		}
	}
	switch {
	case out.Ranked:
		s.stats.Rankings++
		next.RankedAt, next.Shortlist = now, out.Shortlist
	case out.Swap:
		// A shortlisted challenger took over: the shortlist was the old incumbent's, so the next run ranks all.
		next.RankedAt, next.Shortlist = time.Time{}, nil
	}
	return next
}

// safeSelect turns a panic in the selection into an error: one series' selection never stops the workers.
func (s *Service) safeSelect(ctx context.Context, j job, incumbent *Selection) (out Outcome, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errPanic
		}
	}()
	return s.fn(ctx, j.ts, j.ys, j.params, j.labels, incumbent)
}

func (s *Service) store(key string, sel Selection) {
	if el, ok := s.entries[key]; ok {
		el.Value.(*entry).selection = sel
		s.order.MoveToFront(el)
		return
	}
	s.entries[key] = s.order.PushFront(&entry{key: key, selection: sel})
	for s.order.Len() > s.opts.MaxEntries {
		last := s.order.Back()
		s.order.Remove(last)
		delete(s.entries, last.Value.(*entry).key)
	}
}
