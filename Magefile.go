//go:build mage

package main

import (
	"sync"

	// mage:import
	build "github.com/grafana/grafana-plugin-sdk-go/build"
	"github.com/magefile/mage/sh"
)

// Default builds the backend for every platform Grafana supports (linux, darwin, windows; amd64/arm).
var Default = build.BuildAll

// The backend embeds the model bundle (pkg/engine), so every build target regenerates it first, once
// per mage run (the SDK calls this hook for each platform).
func init() {
	var once sync.Once
	var bundleErr error
	if err := build.SetBeforeBuildCallback(func(cfg build.Config) (build.Config, error) {
		once.Do(func() { bundleErr = sh.RunV("node", "scripts/build-engine.mjs") })
		return cfg, bundleErr
	}); err != nil {
		panic(err)
	}
}
