#!/usr/bin/python3
"""A libzmq socket driven line by line over stdin/stdout, for Zinc's interop tests.

usage: peer.py TYPE bind|connect ENDPOINT [OPTION=VALUE ...]
  TYPE is a libzmq socket type name (PAIR, PUB, ROUTER, ...).
  OPTION is a libzmq option name (ROUTING_ID, HEARTBEAT_IVL, ...); VALUE is an
  integer, x:HEX for bytes, or s:TEXT for UTF-8 text (PLAIN_USERNAME=s:admin, a
  40-character Z85 CURVE key). MONITOR=1 attaches a monitor (see 'event').
  ZAP_HANDLER=STATUS runs a ZAP handler (RFC 27) in this process, bound to
  inproc://zeromq.zap.01 before the socket binds or connects; it answers every
  request with STATUS (200, 300, 400, 500) unless a rule below decides:
    ZAP_HANDLER_PLAIN=USER:PASS   PLAIN requests: 200 for these credentials, else 400
    ZAP_HANDLER_CURVE=Z85KEY      CURVE requests: 200 for these client keys, else 400
    (both repeatable)
    ZAP_HANDLER_USER=VALUE        the User-Id it replies (default: the PLAIN username,
                                  the Z85 CURVE client key, empty for NULL)
    ZAP_HANDLER_META=VALUE        the metadata frame it replies (ZMTP property list)

Frames travel as hex; '-' is an empty frame. Each command answers one line:
  send F...            -> ok | error NAME text
  recv [MS]            -> frames F... | timeout        (default 5000 ms)
  event [MS]           -> event NAME VALUE ENDPOINT | timeout
  set OPTION VALUE     -> ok | error ...
  bind|connect|unbind|disconnect EP -> ok | error ...
  endpoint             -> endpoint EP
  recvmeta MS NAME...  -> frames F... | NAME=HEX ... | timeout   (message properties
                          of the last frame, zmq_msg_gets; '!' when absent)
  zapreqs              -> requests [R | R ...]   (each R: the request's frames)
  sendseq COUNT SIZE   -> ok | error ...    (COUNT one-frame messages of SIZE >= 4 bytes:
                          a big-endian u32 index, then the index's low byte repeated)
  recvseq COUNT [MS]   -> ok | timeout I | mismatch I   (expects exactly that sequence)
  close                -> closed, then exit
On start it prints 'ready EP' (EP is the bound endpoint or the connected one).
Every wait is bounded, so a lost message never hangs the test."""

import os
import struct
import sys
import threading

try:
    import zmq
    import zmq.utils.z85
except ImportError as e:  # the C# side turns this into a test failure
    print("fatal python zmq module missing: %s" % e, flush=True)
    sys.exit(2)

out = sys.stdout


def reply(line):
    out.write(line + "\n")
    out.flush()


def decode_frame(token):
    return b"" if token == "-" else bytes.fromhex(token)


def encode_frame(frame):
    return frame.hex() if frame else "-"


def parse_value(text):
    if text.startswith("x:"):
        return bytes.fromhex(text[2:])
    if text.startswith("s:"):
        return text[2:].encode()
    return int(text)


class ZapHandler(threading.Thread):
    """A ZAP handler (RFC 27) on a REP socket at inproc://zeromq.zap.01 of the peer's context.
    Its socket lives on its own thread; the requests it saw are kept for 'zapreqs'."""

    def __init__(self, ctx, status):
        super().__init__(daemon=True)
        self.status = status
        self.plain = []
        self.curve = []
        self.user = None
        self.meta = b""
        self.requests = []
        self.lock = threading.Lock()
        self.stopping = False
        self.sock = ctx.socket(zmq.REP)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.bind("inproc://zeromq.zap.01")

    def decide(self, req):
        mechanism = req[5] if len(req) > 5 else b""
        status, user = self.status, b""
        if mechanism == b"PLAIN" and len(req) >= 8:
            user = req[6]
            if self.plain:
                status = "200" if (req[6], req[7]) in self.plain else "400"
        elif mechanism == b"CURVE" and len(req) >= 7:
            user = zmq.utils.z85.encode(req[6])
            if self.curve:
                status = "200" if user in self.curve else "400"
        if self.user is not None:
            user = self.user
        return status.encode(), user

    def run(self):
        while not self.stopping:
            if not self.sock.poll(50):
                continue
            req = self.sock.recv_multipart()
            with self.lock:
                self.requests.append(req)
            status, user = self.decide(req)
            request_id = req[1] if len(req) > 1 else b""
            self.sock.send_multipart([b"1.0", request_id, status, b"zap " + status, user, self.meta])
        self.sock.close(0)

    def stop(self):
        self.stopping = True
        self.join(2)

    def seen(self):
        with self.lock:
            return list(self.requests)


def seq_message(index, size):
    return struct.pack(">I", index) + bytes([index & 0xFF]) * (size - 4)


def error_line(e):
    name = type(e).__name__
    if isinstance(e, zmq.ZMQError):
        try:
            name = zmq.Errno(e.errno).name
        except ValueError:
            name = "E%d" % e.errno
    return "error %s %s" % (name, str(e).replace("\n", " "))


def event_name(number):
    try:
        return zmq.Event(number).name
    except ValueError:
        return str(number)


def command_lines(sock):
    """Yields stdin lines. While waiting, keeps the socket processing libzmq's commands, as an
    application blocked in zmq_poll would: otherwise a peer that connects to this socket is not
    attached (so e.g. a bound SUB sends it no subscriptions) until the next command arrives."""
    stdin_fd = sys.stdin.fileno()
    waiter = zmq.Poller()
    waiter.register(stdin_fd, zmq.POLLIN)
    waiter.register(sock.getsockopt(zmq.FD), zmq.POLLIN)
    pending = bytearray()
    while True:
        newline = pending.find(b"\n")
        if newline >= 0:
            line = bytes(pending[:newline])
            del pending[:newline + 1]
            yield line
            continue
        ready = dict(waiter.poll(100))
        sock.getsockopt(zmq.EVENTS)  # processes pending commands; re-arms the ZMQ_FD edge
        if stdin_fd in ready:
            chunk = os.read(stdin_fd, 1 << 20)
            if not chunk:
                return
            pending += chunk


def main(argv):
    if len(argv) < 4:
        reply("fatal usage: peer.py TYPE bind|connect ENDPOINT [OPTION=VALUE ...]")
        return 2
    ctx = zmq.Context()
    sock = ctx.socket(getattr(zmq, argv[1].upper()))
    sock.setsockopt(zmq.LINGER, 0)  # killing or closing must never wait on a dead Zinc peer
    sock.setsockopt(zmq.SNDTIMEO, 5000)
    monitor = None
    zap = None
    zap_rules = []
    for opt in argv[4:]:
        name, _, value = opt.partition("=")
        name = name.upper()
        if name == "MONITOR":
            monitor = sock.get_monitor_socket()
        elif name == "ZAP_HANDLER":
            zap = ZapHandler(ctx, value)
        elif name.startswith("ZAP_HANDLER_"):
            zap_rules.append((name, value))
        else:
            sock.setsockopt(getattr(zmq, name), parse_value(value))
    for name, value in zap_rules:
        if zap is None:
            reply("fatal %s needs ZAP_HANDLER=STATUS" % name)
            return 2
        if name == "ZAP_HANDLER_PLAIN":
            user, _, password = value.partition(":")
            zap.plain.append((user.encode(), password.encode()))
        elif name == "ZAP_HANDLER_CURVE":
            zap.curve.append(value.encode())
        elif name == "ZAP_HANDLER_USER":
            zap.user = parse_value(value)
        elif name == "ZAP_HANDLER_META":
            zap.meta = parse_value(value)
        else:
            reply("fatal unknown option " + name)
            return 2
    if zap is not None:
        zap.start()
    endpoint = argv[3]
    if argv[2] == "bind":
        sock.bind(endpoint)
        endpoint = sock.getsockopt(zmq.LAST_ENDPOINT).decode()
    else:
        sock.connect(endpoint)
    reply("ready " + endpoint)

    poller = zmq.Poller()
    poller.register(sock, zmq.POLLIN)
    for raw in command_lines(sock):
        words = raw.decode().split()
        if not words:
            continue
        cmd, args = words[0], words[1:]
        try:
            if cmd == "send":
                sock.send_multipart([decode_frame(t) for t in args])
                reply("ok")
            elif cmd == "recv":
                wait = int(args[0]) if args else 5000
                if poller.poll(wait):
                    frames = sock.recv_multipart(zmq.NOBLOCK)
                    reply("frames " + " ".join(encode_frame(f) for f in frames))
                else:
                    reply("timeout")
            elif cmd == "event":
                if monitor is None:
                    reply("error NOMONITOR start with MONITOR=1")
                elif monitor.poll(int(args[0]) if args else 5000):
                    # libzmq's event message: u16 event, i32 value (little-endian), then the endpoint
                    head, endpoint = monitor.recv_multipart()
                    number, value = struct.unpack("<Hi", head)
                    reply("event %s %d %s" % (event_name(number), value, endpoint.decode() or "-"))
                else:
                    reply("timeout")
            elif cmd == "set":
                sock.setsockopt(getattr(zmq, args[0].upper()), parse_value(args[1]))
                reply("ok")
            elif cmd in ("bind", "connect", "unbind", "disconnect"):
                getattr(sock, cmd)(args[0])
                reply("ok")
            elif cmd == "recvmeta":
                wait = int(args[0]) if args else 5000
                if poller.poll(wait):
                    frames = sock.recv_multipart(zmq.NOBLOCK, copy=False)
                    props = []
                    for prop in args[1:]:
                        try:
                            value = frames[-1].get(prop)
                            props.append("%s=%s" % (prop, encode_frame(value.encode() if isinstance(value, str) else value)))
                        except zmq.ZMQError:
                            props.append(prop + "=!")
                    reply("frames %s | %s" % (" ".join(encode_frame(f.bytes) for f in frames), " ".join(props)))
                else:
                    reply("timeout")
            elif cmd == "sendseq":
                count, size = int(args[0]), int(args[1])
                for i in range(count):
                    sock.send(seq_message(i, size))
                reply("ok")
            elif cmd == "recvseq":
                count = int(args[0])
                wait = int(args[1]) if len(args) > 1 else 5000
                answer = "ok"
                for i in range(count):
                    if not poller.poll(wait):
                        answer = "timeout %d" % i
                        break
                    frames = sock.recv_multipart(zmq.NOBLOCK)
                    if len(frames) != 1 or frames[0][:4] != struct.pack(">I", i) or frames[0] != seq_message(i, len(frames[0])):
                        answer = "mismatch %d" % i
                        break
                reply(answer)
            elif cmd == "zapreqs":
                if zap is None:
                    reply("error NOZAP start with ZAP_HANDLER=STATUS")
                else:
                    reply(" | ".join(["requests"] + [" ".join(encode_frame(f) for f in r) for r in zap.seen()]).replace("requests | ", "requests ", 1))
            elif cmd == "endpoint":
                reply("endpoint " + sock.getsockopt(zmq.LAST_ENDPOINT).decode())
            elif cmd == "close":
                break
            else:
                reply("error EINVAL unknown command " + cmd)
        except Exception as e:  # report, keep serving: the test decides what an error means
            reply(error_line(e))
    if monitor is not None:
        sock.disable_monitor()
        monitor.close(0)
    sock.close(0)
    if zap is not None:
        zap.stop()
    ctx.term()
    reply("closed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
