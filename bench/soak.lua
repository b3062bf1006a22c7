-- wrk script of the soak test (soak.py). The paths to load follow "--" on wrk's command line:
-- each request takes the next one, each thread starting at its own offset so that the
-- threads do not move in step. Responses other than 2xx and 3xx are counted by status, and
-- answers from the anonymous response cache (X-Anonymous-Cache: hit) are counted; done()
-- prints one SOAK_JSON line with the totals, socket errors and latency percentiles.
local threads = {}

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = args
  counter = offset or 0
  bad_statuses = {}
  cache_hits = 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  if headers["X-Anonymous-Cache"] == "hit" then
    cache_hits = cache_hits + 1
  end
  if status < 200 or status > 399 then
    local code = tostring(status)
    bad_statuses[code] = (bad_statuses[code] or 0) + 1
  end
end

function done(summary, latency, requests)
  local totals = {}
  local hits = 0
  for _, thread in ipairs(threads) do
    hits = hits + (thread:get("cache_hits") or 0)
    for code, count in pairs(thread:get("bad_statuses") or {}) do
      totals[code] = (totals[code] or 0) + count
    end
  end
  local statuses = {}
  for code, count in pairs(totals) do
    table.insert(statuses, string.format('"%s":%d', code, count))
  end
  local e = summary.errors
  io.write(string.format(
    'SOAK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%.0f,"p95_us":%.0f,' ..
    '"p99_us":%.0f,"max_us":%.0f,"errors_connect":%d,"errors_read":%d,"errors_write":%d,' ..
    '"errors_status":%d,"errors_timeout":%d,"cache_hits":%d,"bad_statuses":{%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, hits, table.concat(statuses, ",")))
end
