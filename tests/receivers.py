"""Real HTTP servers on 127.0.0.1 that stand in for the other side of the site: a webhook
receiver and a front-end cache that accepts PURGE. Shared by every test that needs one."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    """Records POSTs and answers with the queued status codes (the last one repeats)."""

    def __init__(self, statuses=(200,)):
        self.requests: list[dict] = []
        self.statuses = list(statuses)
        self.body = "ok"  # what it answers (a test may put a secret here)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                status = (
                    receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                )
                self.send_response(status)
                self.end_headers()
                self.wfile.write(receiver.body.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class PurgeReceiver:
    """Records every PURGE request as ``(Host header, path)``; use as a context manager, and
    ``settings()`` gives the ``WAGTAILFRONTENDCACHE`` that points Wagtail's HTTP backend here."""

    def __init__(self):
        self.purged: list[tuple[str, str]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                receiver.purged.append((self.headers["Host"], self.path))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.location = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def settings(self) -> dict:
        return {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": self.location,
            }
        }

    @property
    def paths(self) -> list[str]:
        return [path for _host, path in self.purged]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
