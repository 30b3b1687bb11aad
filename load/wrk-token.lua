-- wrk script for load/scale-out: the Authorization header from the TOKEN environment variable (so a
-- token never appears on wrk's command line, where `ps` shows it), plus load/bench's JSON report.
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk-report.lua")
