// Package plugin holds the Foresight datasource instance and its SDK handlers (one handler per file).
package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"

	"github.com/foresight-anomaly/foresight/pkg/models"
)

// PluginID is the id of the nested datasource in src/datasource/plugin.json.
const PluginID = "foresight-anomaly-datasource"

// Datasource is one configured Foresight datasource instance.
type Datasource struct {
	settings models.Settings
}

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// NewDatasource is the instance factory: the SDK calls it whenever a datasource's settings change.
func NewDatasource(_ context.Context, source backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	settings, err := models.LoadSettings(source)
	if err != nil {
		return nil, err
	}
	return &Datasource{settings: settings}, nil
}

// Dispose releases instance resources when settings change or the datasource is removed.
func (d *Datasource) Dispose() {}
