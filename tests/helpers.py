"""A one-line factory for test documents, and a listener that counts who calls it."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

from kg.read.documents import Document, Skipped, read_document

ROOT = Path(__file__).resolve().parent.parent  # the project
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"


def doc(body: str, title: str = "Title of the article", header: str = "2023-05-12") -> Document:
    """A document from a title, a header line with the publication date, and a body."""
    result = read_document(f"{title}\n{header}\n{body}".encode(), "test.txt")
    assert not isinstance(result, Skipped), result
    return result


class Listener:
    """A TCP listener on loopback that counts the connections it gets (a SERVICE target)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.settimeout(2)
            try:
                self.hits.append(conn.recv(4096))
            except OSError:
                self.hits.append(b"")
            conn.close()
