package engine

import (
	"errors"
	"fmt"

	"github.com/grafana/sobek"
)

var (
	// ErrInput marks a problem with the caller's series or parameters (the model's ModelInputError);
	// the error's text is the model's one-line message.
	ErrInput = errors.New("invalid model input")
	// ErrTimeout means the call passed its deadline; the runtime was interrupted and replaced.
	ErrTimeout = errors.New("model run passed its deadline")
	// ErrClosed is returned by calls on an engine after Close.
	ErrClosed = errors.New("model engine is closed")
)

// InputError carries a ModelInputError message; errors.Is(err, ErrInput) holds for it.
type InputError struct {
	Message string
}

func (e *InputError) Error() string { return e.Message }

// Is makes errors.Is(err, ErrInput) true.
func (e *InputError) Is(target error) bool { return target == ErrInput }

// ScriptError is any other exception the model threw: a bug on our side, not the user's.
type ScriptError struct {
	Name    string
	Message string
}

func (e *ScriptError) Error() string { return fmt.Sprintf("model failed: %s: %s", e.Name, e.Message) }

// classify turns what a JavaScript call returned into one of the errors above.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var interrupted *sobek.InterruptedError
	if errors.As(err, &interrupted) {
		return ErrTimeout
	}
	var exception *sobek.Exception
	if errors.As(err, &exception) {
		name, message := describeThrown(exception.Value())
		// UpdateRefused is a ModelInputError too: the model cannot take an update and must be fitted again.
		if name == "ModelInputError" || name == "UpdateRefused" {
			return &InputError{Message: message}
		}
		return &ScriptError{Name: name, Message: message}
	}
	return err
}

// describeThrown reads name and message from a thrown value (an Error object, or anything else).
func describeThrown(value sobek.Value) (name, message string) {
	if object, ok := value.(*sobek.Object); ok {
		nameValue, messageValue := object.Get("name"), object.Get("message")
		if nameValue != nil && messageValue != nil && !sobek.IsUndefined(messageValue) {
			return nameValue.String(), messageValue.String()
		}
	}
	if value == nil {
		return "Error", "unknown exception"
	}
	return "Error", value.String()
}
