-- The lease on one archive: which run may commit to it, and the fencing token of each holder. Atomic.
--
-- KEYS: 1 the lease (a hash: token, fence, holder; expires unless held), 2 the last fencing token issued (kept)
-- ARGV: 1 mode ("acquire" | "hold" | "release"), 2 the holder's token, 3 lease ms, 4 holder (JSON),
--       5 the holder's fencing token ("hold")
-- acquire: {1, fence} taken, with a fencing token above every one issued before and at least the server's clock
--          in microseconds (so it still grows after a restart that lost the keys); {0, holder, ms left} held
-- hold:    {1, fence} still this holder's (extended by lease ms); {2, fence} it had lapsed (a restart, or this
--          holder paused) and nobody took it since: this holder's again; {0, holder} another holder took it
--          since: this holder's token is stale
-- release: {1} released; {0} not this holder's
local mode, token, ms = ARGV[1], ARGV[2], tonumber(ARGV[3])
local holder = redis.call('HGET', KEYS[1], 'token')
if mode == 'release' then
  if holder == token then
    redis.call('DEL', KEYS[1])
    return {1}
  end
  return {0}
end
if mode == 'hold' then
  if holder == token then
    redis.call('PEXPIRE', KEYS[1], ms)
    return {1, ARGV[5]}
  end
  local last = redis.call('GET', KEYS[2])
  if holder or (last and last ~= ARGV[5]) then
    return {0, redis.call('HGET', KEYS[1], 'holder') or ''}
  end
  redis.call('HSET', KEYS[1], 'token', token, 'fence', ARGV[5], 'holder', ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ms)
  redis.call('SET', KEYS[2], ARGV[5])
  return {2, ARGV[5]}
end
if holder then
  return {0, redis.call('HGET', KEYS[1], 'holder') or '', redis.call('PTTL', KEYS[1])}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local fence = string.format('%.0f', math.max(tonumber(redis.call('GET', KEYS[2]) or '0') + 1, now))
redis.call('SET', KEYS[2], fence)
redis.call('HSET', KEYS[1], 'token', token, 'fence', fence, 'holder', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ms)
return {1, fence}
