package main

import (
	"os"

	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/foresight-anomaly/foresight/pkg/plugin"
)

func main() {
	plugin.ApplyMemoryLimit()
	if err := datasource.Manage(plugin.PluginID, plugin.NewDatasource, datasource.ManageOpts{}); err != nil {
		log.DefaultLogger.Error("foresight datasource stopped", "error", err.Error())
		os.Exit(1)
	}
}
