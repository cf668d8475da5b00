package models

import "errors"

// Sentinel errors of the backend; handlers wrap them with an error source at the boundary.
var (
	// ErrNotImplemented is returned for query kinds the backend cannot answer yet.
	ErrNotImplemented = errors.New("foresight: querying is not implemented yet in the backend")
	// ErrInvalidSettings means the datasource's jsonData could not be read.
	ErrInvalidSettings = errors.New("foresight: invalid datasource settings")
)
