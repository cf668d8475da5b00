package engine

import (
	_ "embed"
	"fmt"

	"github.com/grafana/sobek"
)

// bundleSource is the model bundle built by scripts/build-engine.mjs (`npm run build:engine`, or
// `go generate ./pkg/engine`) from src/engine/entry.ts. It is committed, so Go builds on a fresh clone;
// src/engine/bundle.test.ts fails while it differs from a fresh build of the TypeScript.
//
//go:generate node ../../scripts/build-engine.mjs
//go:embed bundle/foresight-model.js
var bundleSource string

const bundleName = "foresight-model.js"

// apiGlobal is the global object the bundle defines, and apiFunctions what the engine calls on it.
const apiGlobal = "ForesightEngine"

var apiFunctions = []string{"checkParams", "fit", "update", "predict", "components", "crossValidate", "tune", "select", "demo", "outlook", "drift"}

// compileBundle parses and compiles the bundle once; the Program is shared by every runtime.
func compileBundle() (*sobek.Program, error) {
	if len(bundleSource) == 0 {
		return nil, fmt.Errorf("the embedded model bundle is empty; run `npm run build:engine` and rebuild")
	}
	program, err := sobek.Compile(bundleName, bundleSource, true)
	if err != nil {
		return nil, fmt.Errorf("compiling the model bundle: %w", err)
	}
	return program, nil
}
