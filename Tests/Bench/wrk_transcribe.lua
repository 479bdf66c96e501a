-- wrk script for make bench-serve: every request POSTs one WAV file's bytes to /v1/transcribe.
-- The file is named by $EARSHOT_WAV (read once, at start-up); responses other than 200 are
-- counted by wrk as "Non-2xx or 3xx responses".
local path = os.getenv("EARSHOT_WAV")
if path == nil or path == "" then
  error("set EARSHOT_WAV to the WAV file to send")
end
local file = assert(io.open(path, "rb"), "cannot read " .. path)
local bytes = file:read("*a")
file:close()

wrk.method = "POST"
wrk.path = "/v1/transcribe"
wrk.body = bytes
wrk.headers["Content-Type"] = "application/octet-stream"
