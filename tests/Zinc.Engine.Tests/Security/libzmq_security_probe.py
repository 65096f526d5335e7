#!/usr/bin/python3
"""Reproduces the libzmq-to-libzmq observations in docs/security-libzmq-behaviour.md.

usage: /usr/bin/python3 libzmq_security_probe.py [SUBSTRING ...]
Runs each scenario (a DEALER server bound on tcp://127.0.0.1:*, a DEALER client, an optional ZAP
handler on inproc://zeromq.zap.01 in the server's context) and prints both monitors' events
(value in hex when it is a ZMQ_PROTOCOL_ERROR_* code), what was delivered with its User-Id and
ZAP metadata properties, and the ZAP requests. Not part of the test run; a tool for checking.
"""

import struct
import sys
import threading
import time

import zmq
from zmq.utils.monitor import recv_monitor_message


def event_name(number):
    try:
        return zmq.Event(number).name
    except ValueError:
        return str(number)


def drain(monitor, ms):
    seen, end = [], time.time() + ms / 1000
    while time.time() < end:
        if monitor.poll(20):
            ev = recv_monitor_message(monitor)
            value = ev["value"]
            seen.append("%s(%s)" % (event_name(ev["event"]), hex(value) if value > 0xFFFF else value))
    return seen


class Handler(threading.Thread):
    def __init__(self, ctx, reply):
        super().__init__(daemon=True)
        self.sock = ctx.socket(zmq.REP)
        self.sock.bind("inproc://zeromq.zap.01")
        self.reply, self.seen, self.stopping = reply, [], False

    def run(self):
        while not self.stopping:
            if self.sock.poll(50):
                req = self.sock.recv_multipart()
                self.seen.append(req)
                self.sock.send_multipart(self.reply(req))
        self.sock.close(0)


def status(code, user=b"uid", meta=b""):
    return lambda req: [b"1.0", req[1], code, b"", user, meta]


def scenario(name, server_opts, client_opts, handler=None, observe_ms=1200):
    ctx = zmq.Context()
    zap = Handler(ctx, handler) if handler else None
    if zap:
        zap.start()
    server, client = ctx.socket(zmq.DEALER), ctx.socket(zmq.DEALER)
    for sock, opts in ((server, server_opts), (client, client_opts)):
        sock.linger = 0
        for key, value in opts.items():
            sock.setsockopt(getattr(zmq, key), value)
    server_mon, client_mon = server.get_monitor_socket(), client.get_monitor_socket()
    server.bind("tcp://127.0.0.1:*")
    client.connect(server.last_endpoint.decode())
    client.send(b"hello")
    delivered = None
    if server.poll(observe_ms):
        frame = server.recv(copy=False)
        props = {}
        for prop in ("User-Id", "Hello", "Socket-Type", "Peer-Address"):
            try:
                props[prop] = frame.get(prop)
            except zmq.ZMQError:
                pass
        delivered = (frame.bytes, props)
    print("== " + name)
    print("  server: " + " ".join(drain(server_mon, observe_ms)[:9]))
    print("  client: " + " ".join(drain(client_mon, 10)[:9]))
    print("  delivered: %s" % (delivered,))
    if zap:
        print("  zap requests: %d, first: %s" % (len(zap.seen), zap.seen[0] if zap.seen else None))
        zap.stopping = True
        zap.join()
    for sock in (server, client, server_mon, client_mon):
        sock.close(0)
    ctx.term()


def main(filters):
    spk, ssk = zmq.curve_keypair()
    cpk, csk = zmq.curve_keypair()
    other, _ = zmq.curve_keypair()
    plain_srv = {"PLAIN_SERVER": 1}
    plain_cli = {"PLAIN_USERNAME": b"admin", "PLAIN_PASSWORD": b"secret"}
    curve_srv = {"CURVE_SERVER": 1, "CURVE_SECRETKEY": ssk}
    curve_cli = {"CURVE_SERVERKEY": spk, "CURVE_PUBLICKEY": cpk, "CURVE_SECRETKEY": csk}
    hello_world = b"\x05Hello" + struct.pack(">I", 5) + b"world"
    cases = [
        ("plain zap 200", plain_srv, plain_cli, status(b"200", meta=hello_world)),
        ("plain no handler", plain_srv, plain_cli, None),
        ("plain zap 400", plain_srv, plain_cli, status(b"400")),
        ("plain zap 300 (handshake_ivl 500)", dict(plain_srv, HANDSHAKE_IVL=500), plain_cli, status(b"300")),
        ("plain zap 500", plain_srv, plain_cli, status(b"500")),
        ("curve zap 200", curve_srv, curve_cli, status(b"200")),
        ("curve no handler", curve_srv, curve_cli, None),
        ("curve wrong server key", curve_srv, dict(curve_cli, CURVE_SERVERKEY=other), None),
        ("curve zap 400", curve_srv, curve_cli, status(b"400")),
        ("null domain zap 400", {"ZAP_DOMAIN": b"global"}, {}, status(b"400")),
        ("null domain no handler", {"ZAP_DOMAIN": b"global"}, {}, None),
        ("null no domain, handler 400", {}, {}, status(b"400")),
        ("null domain enforce no handler", {"ZAP_DOMAIN": b"d", "ZAP_ENFORCE_DOMAIN": 1}, {}, None),
        ("curve domain enforce no handler", dict(curve_srv, ZAP_DOMAIN=b"d", ZAP_ENFORCE_DOMAIN=1), curve_cli, None),
        ("curve enforce no domain no handler", dict(curve_srv, ZAP_ENFORCE_DOMAIN=1), curve_cli, None),
        ("null domain zap status 201", {"ZAP_DOMAIN": b"d"}, {}, status(b"201")),
        ("null domain zap version 2.0", {"ZAP_DOMAIN": b"d"}, {}, lambda r: [b"2.0", r[1], b"200", b"", b"u", b""]),
        ("null domain zap 5 frames", {"ZAP_DOMAIN": b"d"}, {}, lambda r: [b"1.0", r[1], b"200", b"", b"u"]),
        ("plain client -> null server", {}, plain_cli, None),
        ("curve client -> plain server", plain_srv, curve_cli, status(b"200")),
        ("null client -> curve server", curve_srv, {}, None),
    ]
    for case in cases:
        if not filters or any(f in case[0] for f in filters):
            scenario(*case)


if __name__ == "__main__":
    main(sys.argv[1:])
