-- wrk script of bench/fault.sh's load part. Rotates over the request list that `fault.py load-prepare` wrote
-- (one request a line: method, path, an optional header, the status it answered once), each thread from its
-- own place in the list, and tallies every status it gets. Usage: wrk ... -s fault.lua URL -- requests.tsv

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  for line in io.lines(args[1]) do
    local method, path, header = line:match("^([^\t]+)\t([^\t]+)\t([^\t]*)\t")
    if method then
      local headers = {}
      local name, value = header:match("^([^:]+):%s*(.*)$")
      if name then headers[name] = value end
      table.insert(requests, wrk.format(method, path, headers))
    end
  end
  count = #requests
  position = (id * 7919) % count
  statuses = {}
end

function request()
  position = position % count + 1
  return requests[position]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local tally = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      tally[status] = (tally[status] or 0) + n
    end
  end
  local codes = {}
  for status in pairs(tally) do table.insert(codes, status) end
  table.sort(codes)
  for _, status in ipairs(codes) do
    io.write(string.format("STATUS %d %d\n", status, tally[status]))
  end
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f requests=%d seconds=%.1f bytes=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "connect=%d read=%d write=%d timeout=%d\n",
    summary.requests / (summary.duration / 1e6), summary.requests, summary.duration / 1e6, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout))
end
