package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisOptions connect a Redis store. Zero values take the defaults.
type RedisOptions struct {
	// Options: MaxEntryBytes and DefaultTTL apply; MaxBytes does not (Redis's maxmemory bounds the total).
	Options
	Address  string // host:port
	Password string
	DB       int
	// Prefix starts every key (one per datasource, say "foresight:<uid>:").
	Prefix string
	// Timeout bounds a connection and each command (default 1 s), so a Redis that went away costs a query
	// about that long once before the caller falls back.
	Timeout time.Duration
}

// getManyChunk is the most keys one read asks for.
const getManyChunk = 500

// boundedGetScript is GET of each key, but a value longer than ARGV[1] bytes is not sent (-1 stands for it):
// Put never stores one, but a value written under the prefix by something else could be as large as Redis
// allows (512 MB), and reading it whole would pass the plugin's memory bound. A key of another type reads as
// missing, as it did through MGET (STRLEN's error would fail the whole read and take Redis for down).
var boundedGetScript = redis.NewScript(`local out = {}
local bound = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local length = redis.pcall("STRLEN", key)
  if type(length) ~= "number" then out[i] = false
  elseif length > bound then out[i] = -1 else out[i] = redis.call("GET", key) end
end
return out`)

// releaseScript deletes a lease only for the holder whose token it still holds: after expiry another replica
// may hold it.
var releaseScript = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`)

// renewScript extends a lease only for the holder whose token it still holds.
var renewScript = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`)

// Redis is a store shared by Grafana replicas. Leases are SET NX PX with a random token.
type Redis struct {
	opts   RedisOptions
	client *redis.Client
	hits   atomic.Int64
	misses atomic.Int64
}

var _ Store = (*Redis)(nil)

// quietRedis keeps go-redis's own log lines (a failed dial, per attempt) off the plugin's output: a failure
// reaches the caller as ErrUnavailable, and the caller reports it once per outage (Guard).
type quietRedis struct{}

func (quietRedis) Printf(context.Context, string, ...any) {}

var silenceRedisLog = sync.OnceFunc(func() { redis.SetLogger(quietRedis{}) })

// NewRedis makes a client; it connects on first use, so a Redis that is down fails calls, not the constructor.
func NewRedis(opts RedisOptions) *Redis {
	silenceRedisLog()
	opts.Options = opts.withDefaults()
	if opts.Timeout <= 0 {
		opts.Timeout = time.Second
	}
	client := redis.NewClient(&redis.Options{
		Addr: opts.Address, Password: opts.Password, DB: opts.DB,
		DialTimeout: opts.Timeout, ReadTimeout: opts.Timeout, WriteTimeout: opts.Timeout,
		MaxRetries: 1, DialerRetries: 1, DisableIdentity: true,
		ContextTimeoutEnabled: true, // a query's deadline cuts a command short; Timeout bounds it otherwise
	})
	return &Redis{opts: opts, client: client}
}

func (r *Redis) valueKey(key string) string {
	return r.opts.Prefix + "m:" + hex.EncodeToString(hashKey(key))
}

func (r *Redis) leaseKey(key string) string {
	return r.opts.Prefix + "l:" + hex.EncodeToString(hashKey(key))
}

// unavailable wraps a failure of Redis; its text names the address, never the password. A caller's context
// that ended is the caller's matter, not Redis's, and is returned as it is.
func (r *Redis) unavailable(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	wrapped := fmt.Errorf("%w: redis at %s: %v", ErrUnavailable, r.opts.Address, err)
	if redisErr := redis.Error(nil); errors.As(err, &redisErr) && strings.HasPrefix(redisErr.Error(), "OOM ") {
		return fullError{wrapped} // maxmemory without eviction refuses writes only
	}
	return wrapped
}

func (r *Redis) Get(ctx context.Context, key string) ([]byte, bool, error) {
	found, err := r.GetMany(ctx, []string{key})
	if err != nil {
		return nil, false, err
	}
	value, ok := found[key]
	return value, ok, nil
}

// GetMany reads values of at most MaxEntryBytes; a longer one, which Put would not have stored, counts as missing.
func (r *Redis) GetMany(ctx context.Context, keys []string) (map[string][]byte, error) {
	found := make(map[string][]byte, len(keys))
	for start := 0; start < len(keys); start += getManyChunk {
		chunk := keys[start:min(start+getManyChunk, len(keys))]
		names := make([]string, len(chunk))
		for i, key := range chunk {
			names[i] = r.valueKey(key)
		}
		values, err := boundedGetScript.Run(ctx, r.client, names, r.opts.MaxEntryBytes).Slice()
		if err != nil {
			return nil, r.unavailable(err)
		}
		for i, v := range values {
			if s, ok := v.(string); ok && i < len(chunk) {
				found[chunk[i]] = []byte(s)
			}
		}
	}
	r.hits.Add(int64(len(found)))
	r.misses.Add(int64(len(keys) - len(found)))
	return found, nil
}

func (r *Redis) Put(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if int64(len(value)) > r.opts.MaxEntryBytes {
		return nil
	}
	if err := r.client.Set(ctx, r.valueKey(key), value, r.opts.ttlOr(ttl)).Err(); err != nil {
		return r.unavailable(err)
	}
	return nil
}

func (r *Redis) Lease(ctx context.Context, key string, ttl time.Duration) (Lease, bool, error) {
	var raw [16]byte
	_, _ = rand.Read(raw[:]) // crypto/rand never fails on supported platforms
	token := hex.EncodeToString(raw[:])
	name := r.leaseKey(key)
	ok, err := r.client.SetNX(ctx, name, token, ttl).Result()
	if err != nil {
		return nil, false, r.unavailable(err)
	}
	if !ok {
		return nil, false, nil
	}
	return redisLease{store: r, name: name, token: token}, true, nil
}

type redisLease struct {
	store       *Redis
	name, token string
}

func (l redisLease) Release(ctx context.Context) error {
	if err := releaseScript.Run(ctx, l.store.client, []string{l.name}, l.token).Err(); err != nil {
		return l.store.unavailable(err)
	}
	return nil
}

func (l redisLease) Renew(ctx context.Context, ttl time.Duration) (bool, error) {
	renewed, err := renewScript.Run(ctx, l.store.client, []string{l.name}, l.token, ttl.Milliseconds()).Int()
	if err != nil {
		return false, l.store.unavailable(err)
	}
	return renewed == 1, nil
}

// Stats scans the prefix's values: it costs a pass over the keys, for benchmarks and diagnostics.
func (r *Redis) Stats(ctx context.Context) (Stats, error) {
	stats := Stats{Kind: "redis", Hits: r.hits.Load(), Misses: r.misses.Load()}
	iter := r.client.Scan(ctx, 0, r.opts.Prefix+"m:*", 1000).Iterator()
	var batch []string
	count := func() error {
		pipe := r.client.Pipeline()
		lengths := make([]*redis.IntCmd, len(batch))
		for i, name := range batch {
			lengths[i] = pipe.StrLen(ctx, name)
		}
		if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		for _, n := range lengths {
			stats.Entries++
			stats.Bytes += n.Val()
		}
		batch = batch[:0]
		return nil
	}
	for iter.Next(ctx) {
		if batch = append(batch, iter.Val()); len(batch) == getManyChunk {
			if err := count(); err != nil {
				return stats, r.unavailable(err)
			}
		}
	}
	if err := iter.Err(); err != nil {
		return stats, r.unavailable(err)
	}
	if err := count(); err != nil {
		return stats, r.unavailable(err)
	}
	return stats, nil
}

func (r *Redis) Close() error { return r.client.Close() }
