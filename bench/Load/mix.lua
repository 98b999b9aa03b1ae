-- wrk script for one endpoint of the mixed load (bench/Load/run.sh starts one wrk per endpoint, in parallel).
--   NAME     the endpoint's label in the results
--   TARGETS  a file of lines "cookie<TAB>path<TAB>body": a GET when body is empty, else a POST of that JSON body with an
--            Idempotency-Key (as the phones send). Lines are taken in turn, wrapping around.
--   MODE     "positions": every request is a batch of BATCH positions of the next line's technician (path and body of
--            the line are ignored)
--   PACE_MS  wait this long before each request (the writes that use up their targets are paced, the rest is a closed loop)
local name = os.getenv("NAME") or "?"
local mode = os.getenv("MODE") or "file"
local batch = tonumber(os.getenv("BATCH") or "10")
local pace = tonumber(os.getenv("PACE_MS") or "0")
local targets = {}
for line in io.lines(os.getenv("TARGETS")) do
  local cookie, path, body = line:match("^([^\t]*)\t([^\t]*)\t?(.*)$")
  targets[#targets + 1] = { cookie = cookie, path = path, body = body }
end
local next_target = 0
local counter = 0
local run = tostring(os.time())

if pace > 0 then
  delay = function() return pace end
end

request = function()
  next_target = next_target % #targets + 1
  counter = counter + 1
  local t = targets[next_target]
  local headers = { ["Cookie"] = t.cookie }
  if mode == "positions" then
    local at = os.date("!%Y-%m-%dT%H:%M:%SZ")
    local items = {}
    for i = 1, batch do
      items[i] = string.format('{"at":"%s","lat":%.6f,"lng":%.6f,"accuracy":%d}', at,
        24.48 + ((counter * 7 + i) % 1000) / 100000, 118.09 + ((counter * 3 + i) % 1000) / 100000, 5 + (i % 20))
    end
    headers["Content-Type"] = "application/json"
    headers["Idempotency-Key"] = string.format("load-%s-%s-%d", name, run, counter)
    return wrk.format("POST", "/api/positions", headers, '{"positions":[' .. table.concat(items, ",") .. ']}')
  end
  if t.body ~= nil and t.body ~= "" then
    headers["Content-Type"] = "application/json"
    headers["Idempotency-Key"] = string.format("load-%s-%s-%d", name, run, counter)
    return wrk.format("POST", t.path, headers, t.body)
  end
  return wrk.format("GET", t.path, headers)
end

local failures = 0
response = function(status, headers, body)
  if status >= 400 and failures < 3 then
    failures = failures + 1
    io.stderr:write(string.format("%s: HTTP %d %s\n", name, status, (body or ""):sub(1, 300)))
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %s %d %d %d %.2f %.2f %.2f %.2f %.2f\n", name, summary.requests, summary.errors.status, errors,
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
