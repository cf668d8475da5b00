package selection

import "errors"

var errPanic = errors.New("selection failed unexpectedly")
