"""Prophet (PyPI) on one series, in its own process so peak memory is its own.

    bench/.venv/bin/python bench/speed/prophet_runner.py --csv series.csv --reps 3 --samples 1000

Reads the `ds_ms,y` CSV written by run.ts, warms up on the first 1,000 points, then times `reps`
fit + predict (80% band at every timestamp) runs and prints one JSON line, like node-runner.ts.
"""
import argparse
import json
import logging
import resource
import time

import pandas as pd
from prophet import Prophet

WARMUP_POINTS = 1000


def load(path):
    raw = pd.read_csv(path)
    return pd.DataFrame({"ds": pd.to_datetime(raw["ds_ms"], unit="ms"), "y": raw["y"].astype(float)})


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def cpu_seconds():
    """This process and its finished children (cmdstanpy runs Stan as a child process)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run(df, samples):
    c0 = cpu_seconds()
    t0 = time.perf_counter()
    model = Prophet(uncertainty_samples=samples, interval_width=0.8)
    model.fit(df)  # drops rows with NaN y, as Prophet always does
    t1 = time.perf_counter()
    forecast = model.predict(df[["ds"]])
    t2 = time.perf_counter()
    width = float((forecast["yhat_upper"] - forecast["yhat_lower"]).mean()) if samples > 0 else None
    cpu = (cpu_seconds() - c0) * 1000
    return {"fitMs": (t1 - t0) * 1000, "predictMs": (t2 - t1) * 1000, "cpuMs": cpu, "meanBandWidth": width}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--samples", type=int, default=1000)
    args = parser.parse_args()
    for name in ("cmdstanpy", "prophet"):
        logging.getLogger(name).setLevel(logging.ERROR)
    df = load(args.csv)
    run(df.iloc[:WARMUP_POINTS].copy(), args.samples)
    baseline = rss_bytes()
    runs = [run(df, args.samples) for _ in range(args.reps)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    name = "prophet" if args.samples > 0 else "prophet-nosamples"
    print(json.dumps({"peer": name, "n": len(df), "runs": runs, "rssBaseline": baseline, "peakRss": peak}))


if __name__ == "__main__":
    main()
