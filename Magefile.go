//go:build mage

package main

import (
	// mage:import
	build "github.com/grafana/grafana-plugin-sdk-go/build"
)

// Default builds the backend for every platform Grafana supports (linux, darwin, windows; amd64/arm).
var Default = build.BuildAll
