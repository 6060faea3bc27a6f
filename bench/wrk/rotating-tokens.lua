-- wrk script for bench/Coo.Bench (WrkDriver.cs).
--   wrk ... -s rotating-tokens.lua <url> [tokens file]
-- With a tokens file (one bearer token per line), each request carries the next token in turn, so reads spread over
-- all signed-in users as a real audience's would; each thread starts at a different token. Without one, requests go
-- unauthenticated (the ceiling endpoint).
-- done() prints one line, "coo-bench-wrk key=value ...", that the bench parses; times are in microseconds.

local tokens = {}
local next_token = 1
local headers = {}
local threads = 0

function setup(thread)
   thread:set("thread_number", threads)
   threads = threads + 1
end

-- args[0] is the URL; args[1] the tokens file, if any.
function init(args)
   if args[1] then
      for line in io.lines(args[1]) do
         if line ~= "" then
            tokens[#tokens + 1] = line
         end
      end
      assert(#tokens > 0, "no token in " .. args[1])
      next_token = (thread_number * 97) % #tokens + 1
   end
end

function request()
   if #tokens == 0 then
      return wrk.format()
   end

   headers["Authorization"] = "Bearer " .. tokens[next_token]
   next_token = next_token % #tokens + 1
   return wrk.format(nil, nil, headers)
end

-- utime + stime of this wrk process, in clock ticks: fields 14 and 15 of /proc/self/stat (counted after the
-- parenthesised command name). done() runs after the worker threads have been joined, so their time is included;
-- the bench cannot read it itself, as the process is gone when it sees the output.
local function cpu_ticks()
   local file = assert(io.open("/proc/self/stat", "r"))
   local stat = file:read("*a")
   file:close()
   local fields = {}
   for field in stat:match("%) (.*)"):gmatch("%S+") do
      fields[#fields + 1] = field
   end
   return tonumber(fields[12]) + tonumber(fields[13])
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      "coo-bench-wrk requests=%d duration_us=%d bytes=%d status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeout_errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d cpu_ticks=%d\n",
      summary.requests, summary.duration, summary.bytes, errors.status, errors.connect, errors.read, errors.write,
      errors.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, cpu_ticks()))
end
