package models

import "errors"

// Sentinel errors of the backend. Handlers attach an error source at the boundary: user input and upstream
// failures are downstream errors, everything else is the plugin's own.
var (
	// ErrInvalidSettings means the datasource's jsonData or secrets cannot be used.
	ErrInvalidSettings = errors.New("invalid datasource settings")
	// ErrInvalidQuery means a query field has a value the backend refuses; the message names the field.
	ErrInvalidQuery = errors.New("invalid query")
	// ErrUpstream means the source of the series failed (status, body or transport); the message says why.
	ErrUpstream = errors.New("source error")
	// ErrUpstreamTimeout means the source did not answer in time.
	ErrUpstreamTimeout = errors.New("source timed out")
	// ErrPermission means the source refused the plugin's credentials (401/403).
	ErrPermission = errors.New("permission denied by the source")
	// ErrLimit means a query asked for more than the configured limits allow.
	ErrLimit = errors.New("limit exceeded")
	// ErrAccessDenied means Foresight itself refused to read something for this request: a datasource outside
	// the allow-list, another organisation, or a user without that permission in Grafana.
	ErrAccessDenied = errors.New("access denied")
	// ErrNotConfigured means the query needs a source the datasource settings do not configure.
	ErrNotConfigured = errors.New("source not configured")
	// ErrTooShort means a series has too little history before a piece of the range to fit a model.
	ErrTooShort = errors.New("too little history to fit")
)
