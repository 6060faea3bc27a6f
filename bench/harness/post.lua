-- wrk script for the harness (bench/harness): each request posts a coo as one of the signed-in users, at random.
--   wrk ... -s post.lua <url> <tokens file>
local tokens = {}
local n = 0

function init(args)
   for line in io.lines(args[1]) do
      if line ~= "" then
         tokens[#tokens + 1] = line
      end
   end
   assert(#tokens > 0, "no token in " .. args[1])
end

function request()
   n = n + 1
   return wrk.format("POST", "/api/v1/coos",
      { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)], ["Content-Type"] = "application/json" },
      '{"text":"hello number ' .. n .. ' from wrk"}')
end
