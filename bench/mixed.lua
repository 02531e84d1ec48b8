-- wrk script: the request mix sent to the adapter.
-- Out of every WILDCARD_EVERY requests (env, default 5), one is the wildcard request
--   /apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second?labelSelector=app%3Dweb
-- and the others are object requests
--   /apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/web-N/http_requests_per_second
-- cycling N over 0..PODS-1 (env PODS, default 100), each thread starting at a different offset.
-- DELAY_MS (env, default 0) makes every connection wait that long between requests (for soak.sh).
local bench_dir = os.getenv("BENCH_DIR") or "bench"
dofile(bench_dir .. "/report.lua")

local pods = tonumber(os.getenv("PODS") or "100")
local every = tonumber(os.getenv("WILDCARD_EVERY") or "5")
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local base = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/"
local metric = "/http_requests_per_second"
local wildcard = base .. "*" .. metric .. "?labelSelector=app%3Dweb"

local counter = 0
local pod = 0
local thread_index = 0

function setup(thread)
   thread:set("offset", thread_index * 37)
   thread_index = thread_index + 1
end

function init(args)
   pod = (offset or 0) % pods
end

function request()
   counter = counter + 1
   if every > 0 and counter % every == 0 then
      return wrk.format("GET", wildcard)
   end
   local path = base .. "web-" .. pod .. metric
   pod = (pod + 1) % pods
   return wrk.format("GET", path)
end

if delay_ms > 0 then
   function delay()
      return delay_ms
   end
end
