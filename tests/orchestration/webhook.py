"""A webhook receiver for tests: an HTTP server on 127.0.0.1 that keeps what is POSTed to it."""

from __future__ import annotations

import contextlib
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer


@contextlib.contextmanager
def local_webhook():
    """Yields (url, received): ``received`` fills with the JSON bodies posted to ``url``."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # the http.server interface
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            received.append(json.loads(body.decode("utf-8")))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/hook", received
    finally:
        server.shutdown()
        server.server_close()
