-- One decision on the shared request budget, atomically, on the server's clock (Redis TIME).
-- The same rule as crawler/politeness/limiter.py (Pace over a Budget): evenly spaced grants (GCRA without burst
-- tolerance), a cap per job class, a block pause, late sends charged again, free slots shared in turn.
--
-- KEYS: 1 schedule (tat), 2 the job class's schedule, 3 pause (end of a block), 4 waiters by first ask,
--       5 waiters by last ask
-- ARGV: 1 mode ("acquire", or "report": only deliver charges and a block), 2 interval, 3 span,
--       4 class interval (0: the class has no cap), 5 class span, 6 late sends to charge, 7 block seconds (0: none),
--       8 ticket, 9 ticket ttl, 10 turn poll, 11 key expiry ms, 12 now ("" = TIME; tests only), 13 catch-up seconds
-- Returns {wait seconds ("0": granted, or reported), pause seconds left}, as strings.
local now
if ARGV[12] ~= '' then
  now = tonumber(ARGV[12])
else
  local time = redis.call('TIME')
  now = tonumber(time[1]) + tonumber(time[2]) / 1000000
end
local interval, span = tonumber(ARGV[2]), tonumber(ARGV[3])
local class_interval, class_span = tonumber(ARGV[4]), tonumber(ARGV[5])
local keep = tonumber(ARGV[11])
local catch_up = tonumber(ARGV[13])

local function read(key)
  return tonumber(redis.call('GET', key) or '0')
end
local function write(key, value, ms)
  redis.call('SET', key, string.format('%.17g', value), 'PX', ms)  -- every bit of the double: no drift
end
local function wait(tat, reach)  -- a schedule more than one span ahead (a clock went back) counts as one span
  return math.min(tat, now + reach) - now
end
local function advance(tat, step, reach)  -- a grant at most catch_up after its slot counts at its slot
  return math.max(math.min(tat, now + reach), now - catch_up) + step
end
local function seconds(value)
  return string.format('%.6f', math.max(value, 0))
end

local pause = read(KEYS[3])
local block = tonumber(ARGV[7])
if block > 0 and now + block > pause then
  pause = now + block
  write(KEYS[3], pause, math.ceil(block * 1000))
end

local tat, class_tat = read(KEYS[1]), 0
if class_interval > 0 then class_tat = read(KEYS[2]) end
local function take()
  tat = advance(tat, interval, span)
  if class_interval > 0 then class_tat = advance(class_tat, class_interval, class_span) end
end
local function store()
  write(KEYS[1], tat, keep)
  if class_interval > 0 then write(KEYS[2], class_tat, keep) end
end
local charges = tonumber(ARGV[6])
for _ = 1, charges do take() end
if charges > 0 then store() end
if ARGV[1] ~= 'acquire' then return {'0', seconds(pause - now)} end

local left = math.max(pause - now, wait(tat, span))
if class_interval > 0 then left = math.max(left, wait(class_tat, class_span)) end
local ticket, ttl = ARGV[8], tonumber(ARGV[9])
if left <= 1e-9 then  -- a free slot: ours, unless a limiter still asking has waited longer
  while true do
    local oldest = redis.call('ZRANGE', KEYS[4], 0, 0)[1]
    if not oldest or oldest == ticket then break end
    if tonumber(redis.call('ZSCORE', KEYS[5], oldest) or '0') >= now - ttl then
      left = tonumber(ARGV[10])
      break
    end
    redis.call('ZREM', KEYS[4], oldest)
    redis.call('ZREM', KEYS[5], oldest)
  end
end
if left <= 1e-9 then
  take()
  store()
  redis.call('ZREM', KEYS[4], ticket)
  redis.call('ZREM', KEYS[5], ticket)
  return {'0', seconds(pause - now)}
end
redis.call('ZADD', KEYS[4], 'NX', now, ticket)
redis.call('ZADD', KEYS[5], now, ticket)
redis.call('PEXPIRE', KEYS[4], keep)
redis.call('PEXPIRE', KEYS[5], keep)
return {seconds(left), seconds(pause - now)}
