-- Shared by mixed.lua and direct.lua (loaded with dofile): the request mix. Out of every
-- WILDCARD_EVERY requests (env, default 5; 0: none) one is the wildcard request, the others are
-- object requests for pod web-N, N cycling over 0..PODS-1 (env PODS, default 100), each thread
-- starting at a different offset.
--   mix(object_path, wildcard_path) defines wrk's setup, init and request; object_path(pod) is
--   the path of the object request for the pod named pod.
local pods = tonumber(os.getenv("PODS") or "100")
local every = tonumber(os.getenv("WILDCARD_EVERY") or "5")

function mix(object_path, wildcard_path)
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
      local path = object_path("web-" .. pod)
      pod = (pod + 1) % pods
      return wrk.format("GET", path)
   end
end
