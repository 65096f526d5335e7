"""pyzmq (Debian's python3-zmq, built against libzmq.so.5) driven on Zinc's libzmq.so.5.

Run with LD_LIBRARY_PATH pointing at artifacts/native; prints which libzmq was loaded, then
"done" when every exchange matched. Waits are bounded by RCVTIMEO/SNDTIMEO."""
import zmq

ctx = zmq.Context()
print("lib", [l.split()[-1] for l in open("/proc/self/maps") if "libzmq" in l][0], flush=True)
assert zmq.zmq_version_info()[:2] == (4, 3)


def make(kind):
    s = ctx.socket(kind)
    s.setsockopt(zmq.RCVTIMEO, 10000)
    s.setsockopt(zmq.SNDTIMEO, 10000)
    s.setsockopt(zmq.LINGER, 0)
    return s


rep, req = make(zmq.REP), make(zmq.REQ)
port = rep.bind_to_random_port("tcp://127.0.0.1")
assert rep.getsockopt_string(zmq.LAST_ENDPOINT) == "tcp://127.0.0.1:%d" % port
req.connect("tcp://127.0.0.1:%d" % port)
req.send_multipart([b"hello", b"x" * 100000])
frames = rep.recv_multipart()
assert frames == [b"hello", b"x" * 100000], frames
# copy=False: pyzmq hands its buffer over with zmq_msg_init_data and a free callback.
rep.send(b"y" * 50000, copy=False)
reply = req.recv(copy=False)
assert reply.bytes == b"y" * 50000
assert reply.get(zmq.MORE) == 0
assert reply.get("Socket-Type") == "REP"

poller = zmq.Poller()
poller.register(req, zmq.POLLIN)
assert poller.poll(0) == []
try:
    req.recv(zmq.NOBLOCK)
    raise AssertionError("recv on REQ before a send must fail")
except zmq.ZMQError as e:
    assert e.errno == zmq.EFSM, e

pull = make(zmq.PULL)
try:
    pull.recv(zmq.NOBLOCK)
    raise AssertionError("empty PULL must raise Again")
except zmq.Again:
    pass

pub, sub = make(zmq.XPUB), make(zmq.SUB)
sub.setsockopt(zmq.SUBSCRIBE, b"t")
pub.bind("inproc://news")
sub.connect("inproc://news")
assert pub.recv() == b"\x01t"
pub.send_multipart([b"topic", b"body"])
assert sub.recv_multipart() == [b"topic", b"body"]

for s in (rep, req, pull, pub, sub):
    s.close()
ctx.term()
print("done")
