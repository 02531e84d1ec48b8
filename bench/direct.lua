-- wrk script: the same mix as mixed.lua, sent straight to Prometheus' /api/v1/query.
-- The queries are the adapter's own (taken from its /debug/explain endpoint by throughput.sh):
--   OBJECT_QUERY_PATH    /api/v1/query?query=<url-encoded PromQL of one object request>, with the
--                        pod name replaced by the placeholder __POD__
--   WILDCARD_QUERY_PATH  /api/v1/query?query=<url-encoded PromQL of the wildcard request>
-- PODS and WILDCARD_EVERY as in mixed.lua.
local bench_dir = os.getenv("BENCH_DIR") or "bench"
dofile(bench_dir .. "/report.lua")

local pods = tonumber(os.getenv("PODS") or "100")
local every = tonumber(os.getenv("WILDCARD_EVERY") or "5")
local object_path = os.getenv("OBJECT_QUERY_PATH") or error("OBJECT_QUERY_PATH is not set")
local wildcard_path = os.getenv("WILDCARD_QUERY_PATH") or error("WILDCARD_QUERY_PATH is not set")

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
      return wrk.format("GET", wildcard_path)
   end
   local path = object_path:gsub("__POD__", "web-" .. pod)
   pod = (pod + 1) % pods
   return wrk.format("GET", path)
end
