-- A fleet of feed readers for wrk (bench/fleet.sh): every request polls the next of the fleet's feed addresses, each
-- thread from its own offset, with the ETag that address's first poll got (If-None-Match), as a reader does. The same
-- script runs against the service and against nginx.
--   FLEET_TSV          feeds.tsv: number, path, ETag, extension (tab-separated), from `Aggregator.Benchmarks fleet-prime`
--   FLEET_CONDITIONAL  0 sends no validator (every answer a full 200)
-- Prints one line: RESULT rps=… requests=… s200=… s304=… other=… errors=… p50_ms=… p99_ms=…

local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  feeds = {}
  for line in io.lines(os.getenv("FLEET_TSV")) do
    local path, etag = line:match("^%d+\t([^\t]+)\t([^\t]+)")
    feeds[#feeds + 1] = { path, { ["If-None-Match"] = etag } }
  end
  conditional = os.getenv("FLEET_CONDITIONAL") ~= "0"
  counter = offset
  statuses = {}
end

function request()
  counter = counter + 1
  local feed = feeds[counter % #feeds + 1]
  if conditional then
    return wrk.format("GET", feed[1], feed[2])
  end
  return wrk.format("GET", feed[1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local other = 0
  for status, n in pairs(counts) do
    if status ~= 200 and status ~= 304 then other = other + n end
  end
  io.write(string.format("RESULT rps=%.1f requests=%d s200=%d s304=%d other=%d errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests / (summary.duration / 1e6), summary.requests, counts[200] or 0, counts[304] or 0, other,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
