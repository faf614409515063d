-- wrk script: posts pre-signed Spoki webhooks (one per line: signature<TAB>body), each once.
local requests = {}
local index = 0
local threads_created = 0

function setup(thread)
  thread:set("thread_id", threads_created)
  threads_created = threads_created + 1
end

-- args[1]: number of wrk threads, so each thread takes its own share of the lines.
function init(args)
  local threads = tonumber(args[1]) or 1
  local n = 0
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    if n % threads == thread_id then
      local tab = line:find("\t", 1, true)
      requests[#requests + 1] = wrk.format("POST", "/webhooks/spoki",
        { ["Content-Type"] = "application/json", ["X-Spoki-Signature"] = line:sub(1, tab - 1) },
        line:sub(tab + 1))
    end
    n = n + 1
  end
end

function request()
  index = index % #requests + 1
  return requests[index]
end
