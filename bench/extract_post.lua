-- wrk script: POST /v1/extract with the JSON body in the file named by $HADATH_BENCH_BODY.
local path = os.getenv("HADATH_BENCH_BODY")
local f = assert(io.open(path, "rb"), "cannot open HADATH_BENCH_BODY=" .. tostring(path))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

local non200 = 0
function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-200 responses: %d\n", summary.errors.status))
end
