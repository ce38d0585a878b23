"""The broker-less job queue of the embedded default: kombu's filesystem transport, made safe
for a web process and a worker sharing a folder.

Kombu writes a message into its final file name, so a worker listing the folder can take a file
that is still being written and crash on half a JSON document (seen under load: the worker
died, an interview stayed `evaluating`). Here a message appears only whole (written to a
temporary name, then renamed), and a file that still cannot be read is moved aside and logged,
never the worker's end. The sweeps queue again any work such a message carried.
"""

import logging
import os
import shutil
import uuid
from pathlib import Path
from time import time_ns

from kombu.transport import TRANSPORT_ALIASES, filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps, loads

logger = logging.getLogger(__name__)
ALIAS = "heymilo-fs"  # CELERY_BROKER_URL = "heymilo-fs://localhost//"


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        # Fixed-width wall-clock microseconds: names sort in the order messages were put, across
        # processes and reboots (the monotonic clock restarts at boot and had no fixed width).
        name = f"{time_ns() // 1000:017d}_{uuid.uuid4()}.{queue}.msg"
        final = Path(self.data_folder_out) / name
        partial = final.with_name(f".{name}.partial")  # not a message name: never listed
        partial.write_bytes(str_to_bytes(dumps(payload)))
        os.replace(partial, final)  # atomic on one filesystem

    def _get(self, queue):
        while True:
            taken = self._take(queue)
            try:
                message = loads(taken.read_text(encoding="utf-8", errors="replace"))
            except ValueError:
                self._set_aside(taken)
                continue
            taken.unlink()
            return message

    def _take(self, queue) -> Path:
        """The oldest whole message of `queue`, moved out of every other worker's reach."""
        wanted = f"{queue}.msg"
        for name in sorted(os.listdir(self.data_folder_in)):
            if name.partition(".")[2] != wanted:
                continue
            taken = Path(self.data_folder_in) / f".{name}.taken"
            try:
                os.replace(Path(self.data_folder_in) / name, taken)  # one consumer wins it
            except OSError:
                continue  # another worker took it first
            return taken
        raise filesystem.Empty()

    def _set_aside(self, path: Path) -> None:
        corrupt = Path(self.data_folder_in) / "corrupt"
        corrupt.mkdir(exist_ok=True)
        shutil.move(path, corrupt / path.name)
        logger.error("queue: skipped an unreadable message, kept as %s", corrupt / path.name)


class Transport(filesystem.Transport):
    Channel = Channel


TRANSPORT_ALIASES[ALIAS] = "heymilo.queue:Transport"
