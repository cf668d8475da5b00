"""Prophet forecasts for given cutoffs, as Prophet's cross_validation makes them.

    bench/.venv/bin/python bench/accuracy/prophet_cv.py job.json out.json

job.json: {"csv": path to a ds_ms,y file, "cutoffs": [ms...], "horizon_ms": ms, "params": {Prophet kwargs}}.
For each cutoff: fit on rows with ds <= cutoff (NaN y dropped by Prophet), predict the rows that have
a value in (cutoff, cutoff + horizon]. out.json: {"forecasts": [{cutoff, ds, yhat, lower, upper, fit_ms, predict_ms}]}.
"""
import json
import logging
import sys
import time

import pandas as pd
from prophet import Prophet


def main(job_path, out_path):
    with open(job_path) as f:
        job = json.load(f)
    for name in ("cmdstanpy", "prophet"):
        logging.getLogger(name).setLevel(logging.ERROR)
    raw = pd.read_csv(job["csv"])
    df = pd.DataFrame({"ds_ms": raw["ds_ms"].astype("int64"), "y": raw["y"].astype(float)})
    df["ds"] = pd.to_datetime(df["ds_ms"], unit="ms")
    horizon = job["horizon_ms"]
    forecasts = []
    for cutoff in job["cutoffs"]:
        train = df[df["ds_ms"] <= cutoff][["ds", "y"]]
        test = df[(df["ds_ms"] > cutoff) & (df["ds_ms"] <= cutoff + horizon) & df["y"].notna()]
        t0 = time.perf_counter()
        model = Prophet(**job["params"]).fit(train)
        t1 = time.perf_counter()
        out = model.predict(test[["ds"]])
        t2 = time.perf_counter()
        forecasts.append(
            {
                "cutoff": cutoff,
                "ds": test["ds_ms"].tolist(),
                "yhat": out["yhat"].tolist(),
                "lower": out["yhat_lower"].tolist(),
                "upper": out["yhat_upper"].tolist(),
                "fit_ms": (t1 - t0) * 1000,
                "predict_ms": (t2 - t1) * 1000,
            }
        )
        print(f"cutoff {pd.to_datetime(cutoff, unit='ms')} done", file=sys.stderr)
    with open(out_path, "w") as f:
        json.dump({"forecasts": forecasts}, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
