#!/usr/bin/python3
"""Runs every query of a provisioned Grafana dashboard against a live Prometheus and fails
unless each returns data: at least one series with a finite value (a quantile of an empty
histogram is NaN, a panel that shows nothing).
  ci/dashboard-check.py DASHBOARD.json [PROMETHEUS_URL]"""
import json
import math
import sys
import urllib.parse
import urllib.request

dashboard_path = sys.argv[1]
prometheus = sys.argv[2] if len(sys.argv) > 2 else "http://127.0.0.1:9090"
with open(dashboard_path) as f:
    dashboard = json.load(f)

failures = 0
queries = 0
for panel in dashboard.get("panels", []):
    for target in panel.get("targets", []):
        expr = target["expr"]
        queries += 1
        url = prometheus + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
        with urllib.request.urlopen(url, timeout=10) as response:
            answer = json.load(response)
        result = answer.get("data", {}).get("result", [])
        finite = [r for r in result if math.isfinite(float(r["value"][1]))]
        status = "ok" if finite else "NO DATA"
        if not finite:
            failures += 1
        print(f"  {status:7} {panel['title']}: {expr} -> {len(result)} series, {len(finite)} finite")
print(f"dashboard-check: {queries - failures} of {queries} panel queries returned data")
sys.exit(1 if failures or queries == 0 else 0)
