-- wrk script: POST /api/positions with a batch of BATCH positions (env, default 10) of the logged-in technician.
-- The cookie comes from run.sh (COOKIE env). Prints positions/s and latency percentiles at the end.
local batch = tonumber(os.getenv("BATCH") or "10")
local cookie = os.getenv("COOKIE") or ""
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = cookie

request = function()
  counter = counter + 1
  local at = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local items = {}
  for i = 1, batch do
    local lat = 24.48 + ((counter * 7 + i) % 1000) / 100000
    local lng = 118.09 + ((counter * 3 + i) % 1000) / 100000
    items[i] = string.format('{"at":"%s","lat":%.6f,"lng":%.6f,"accuracy":%d}', at, lat, lng, 5 + (i % 20))
  end
  return wrk.format(nil, nil, nil, '{"positions":[' .. table.concat(items, ",") .. ']}')
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local ok = summary.requests - summary.errors.status - summary.errors.connect - summary.errors.read - summary.errors.write - summary.errors.timeout
  io.write(string.format("RESULT batch=%d requests=%d non2xx=%d req/s=%.1f positions/s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    batch, summary.requests, summary.errors.status, summary.requests / seconds, ok * batch / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
