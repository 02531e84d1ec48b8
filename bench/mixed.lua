-- wrk script: the request mix sent to the adapter (mix.lua).
-- Out of every WILDCARD_EVERY requests (env, default 5), one is the wildcard request
--   /apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/*/http_requests_per_second?labelSelector=app%3Dweb
-- and the others are object requests
--   /apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/web-N/http_requests_per_second
-- cycling N over 0..PODS-1 (env PODS, default 100), each thread starting at a different offset.
-- DELAY_MS (env, default 0) makes every connection wait that long between requests (for soak.sh).
local bench_dir = os.getenv("BENCH_DIR") or "bench"
dofile(bench_dir .. "/report.lua")
dofile(bench_dir .. "/mix.lua")

local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local base = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/demo/pods/"
local metric = "/http_requests_per_second"

mix(function(pod)
   return base .. pod .. metric
end, base .. "*" .. metric .. "?labelSelector=app%3Dweb")

if delay_ms > 0 then
   function delay()
      return delay_ms
   end
end
