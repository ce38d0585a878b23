"""The websocket channel layer on Redis, riding out a Redis restart.

Without this, a consumer waiting for its groups' messages ends with an exception when Redis
goes away, and every open interview socket drops with it. Here it waits for Redis to come
back, then joins its groups again: a Redis without persistence comes back empty.

It also ends a receive that was cancelled (the socket closed): redis-py can swallow a
cancellation that lands at the wrong moment of a blocking pop (redis/redis-py#2028), and
channels_redis then pops again, every 5 s, forever — one task and one Redis connection leaked
per closed socket.
"""

import asyncio
from collections import defaultdict

from channels_redis.core import RedisChannelLayer

from heymilo.outages import OUTAGES

RETRY_SECONDS = 1


class PatientRedisChannelLayer(RedisChannelLayer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.joined: dict[str, set[str]] = defaultdict(set)  # channel -> its groups

    async def group_add(self, group, channel):
        await super().group_add(group, channel)
        self.joined[channel].add(group)

    async def group_discard(self, group, channel):
        self.joined[channel].discard(group)
        if not self.joined[channel]:
            del self.joined[channel]
        await super().group_discard(group, channel)

    async def receive(self, channel):
        while True:
            try:
                return await super().receive(channel)
            except OUTAGES:
                await self._rejoin_when_back(channel)

    async def _brpop_with_clean(self, index, channel, timeout):
        result = await super()._brpop_with_clean(index, channel, timeout)
        task = asyncio.current_task()
        if task is not None and task.cancelling():  # a cancellation redis-py swallowed
            raise asyncio.CancelledError
        return result

    async def _rejoin_when_back(self, channel) -> None:
        while True:
            await asyncio.sleep(RETRY_SECONDS)
            try:
                for group in list(self.joined.get(channel, ())):
                    await super().group_add(group, channel)
                return
            except OUTAGES:
                continue
