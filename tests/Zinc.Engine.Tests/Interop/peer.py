#!/usr/bin/python3
"""A libzmq socket driven line by line over stdin/stdout, for Zinc's interop tests.

usage: peer.py TYPE bind|connect ENDPOINT [OPTION=VALUE ...]
  TYPE is a libzmq socket type name (PAIR, PUB, ROUTER, ...).
  OPTION is a libzmq option name (ROUTING_ID, HEARTBEAT_IVL, ...); VALUE is an
  integer, or x:HEX for bytes. MONITOR=1 attaches a monitor (see 'event').

Frames travel as hex; '-' is an empty frame. Each command answers one line:
  send F...            -> ok | error NAME text
  recv [MS]            -> frames F... | timeout        (default 5000 ms)
  event [MS]           -> event NAME VALUE ENDPOINT | timeout
  set OPTION VALUE     -> ok | error ...
  bind|connect|unbind|disconnect EP -> ok | error ...
  endpoint             -> endpoint EP
  close                -> closed, then exit
On start it prints 'ready EP' (EP is the bound endpoint or the connected one).
Every wait is bounded, so a lost message never hangs the test."""

import os
import struct
import sys

try:
    import zmq
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
    return bytes.fromhex(text[2:]) if text.startswith("x:") else int(text)


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
    for opt in argv[4:]:
        name, _, value = opt.partition("=")
        if name.upper() == "MONITOR":
            monitor = sock.get_monitor_socket()
        else:
            sock.setsockopt(getattr(zmq, name.upper()), parse_value(value))
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
    ctx.term()
    reply("closed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
