-- wrk script: the same mix as mixed.lua, sent straight to Prometheus' /api/v1/query.
-- The queries are the adapter's own (taken from its /debug/explain endpoint by throughput.sh):
--   OBJECT_QUERY_PATH    /api/v1/query?query=<url-encoded PromQL of one object request>, with the
--                        pod name replaced by the placeholder __POD__
--   WILDCARD_QUERY_PATH  /api/v1/query?query=<url-encoded PromQL of the wildcard request>
-- PODS and WILDCARD_EVERY as in mixed.lua (see mix.lua).
local bench_dir = os.getenv("BENCH_DIR") or "bench"
dofile(bench_dir .. "/report.lua")
dofile(bench_dir .. "/mix.lua")

local object_path = os.getenv("OBJECT_QUERY_PATH") or error("OBJECT_QUERY_PATH is not set")
local wildcard_path = os.getenv("WILDCARD_QUERY_PATH") or error("WILDCARD_QUERY_PATH is not set")

mix(function(pod)
   return (object_path:gsub("__POD__", pod))
end, wildcard_path)
