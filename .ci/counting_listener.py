#!/usr/bin/env python3
"""A stand-in for the vendors during CI: it binds 127.0.0.1 on a free port, writes the port to
argv[1] once it listens, and appends one line per connection (and per request) to argv[2].
Every request is answered 401, so nothing could ever look accepted. CI fails if argv[2] is not
empty after the tests: the suite must send nothing to the base URLs in its environment."""
import http.server
import os
import sys

port_file, log_file = sys.argv[1], sys.argv[2]


def record(line):
    with open(log_file, "a", encoding="utf-8") as log:
        log.write(line + "\n")


class Counting(http.server.BaseHTTPRequestHandler):
    def handle(self):
        # A connection counts even when no whole request follows it.
        record(f"connection from {self.client_address[0]}:{self.client_address[1]}")
        super().handle()

    def answer(self):
        record(f"{self.command} {self.path}")
        self.send_response(401)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_CONNECT = answer

    def log_message(self, format, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
with open(port_file + ".tmp", "w", encoding="utf-8") as out:
    out.write(str(server.server_address[1]))
# Renamed into place so that a reader never sees half a number.
os.replace(port_file + ".tmp", port_file)
server.serve_forever()
