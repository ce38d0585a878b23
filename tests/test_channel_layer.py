"""The websocket channel layer on the real Redis of the test run."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

from heymilo.channel_layer import PatientRedisChannelLayer


def test_a_cancelled_receive_ends_wherever_the_cancellation_lands():
    """A closed socket cancels its consumer's receive. redis-py swallows a cancellation that
    lands at the wrong moment of the blocking pop, and channels_redis then pops again forever:
    the task, and its Redis connection, leak. Cancelled at each of 60 steps of the way, every
    receive ends, at the latest when the pop under way returns (5 s)."""
    config = settings.CHANNEL_LAYERS["default"]["CONFIG"]

    async def still_receiving_after_cancel() -> list[int]:
        layers = [PatientRedisChannelLayer(**config) for _ in range(60)]
        receives = [
            asyncio.ensure_future(layer.receive(await layer.new_channel())) for layer in layers
        ]
        for receive in receives:
            await asyncio.sleep(0)
            receive.cancel()  # each a step later than the one before
        await asyncio.wait(receives, timeout=8)
        still = [index for index, receive in enumerate(receives) if not receive.done()]
        assert all(receive.cancelled() for receive in receives if receive.done())
        for receive in receives:
            receive.cancel()  # let the run end either way
        await asyncio.wait(receives, timeout=6)
        return still

    with ThreadPoolExecutor(1) as thread:  # its own event loop, whatever runs in this thread
        assert thread.submit(asyncio.run, still_receiving_after_cancel()).result() == []
