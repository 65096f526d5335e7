/* Draft zmq_socket_monitor_versioned: version 2 events (uint64 event, value count, uint64
   values, local and remote endpoint) from a tcp server and client, on PAIR, PUSH and PUB
   monitor sockets; libzmq's argument checks; version 1 through the same call. Zinc only: the
   draft functions are not in Debian's libzmq. */
#define ZMQ_BUILD_DRAFT_API
#include <zmq.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void *ctx;

typedef struct
{
    uint64_t event, value;
    char local[256], remote[256];
} event_t;

static void read_frame (void *monitor, void *into, size_t size, int more)
{
    zmq_msg_t frame;
    CHECK_OK (zmq_msg_init (&frame));
    CHECK (zmq_msg_recv (&frame, monitor, 0) == (int) size);
    CHECK (zmq_msg_more (&frame) == more);
    memcpy (into, zmq_msg_data (&frame), size);
    CHECK_OK (zmq_msg_close (&frame));
}

static void read_text (void *monitor, char *into, size_t capacity, int more)
{
    zmq_msg_t frame;
    CHECK_OK (zmq_msg_init (&frame));
    int n = zmq_msg_recv (&frame, monitor, 0);
    CHECK (n >= 0 && (size_t) n < capacity);
    CHECK (zmq_msg_more (&frame) == more);
    memcpy (into, zmq_msg_data (&frame), n);
    into[n] = 0;
    CHECK_OK (zmq_msg_close (&frame));
}

/* One version 2 event: every event Zinc sends has exactly one value. */
static event_t next_event (void *monitor)
{
    event_t e;
    uint64_t count;
    read_frame (monitor, &e.event, sizeof e.event, 1);
    read_frame (monitor, &count, sizeof count, 1);
    CHECK (count == 1);
    read_frame (monitor, &e.value, sizeof e.value, 1);
    read_text (monitor, e.local, sizeof e.local, 1);
    read_text (monitor, e.remote, sizeof e.remote, 0);
    return e;
}

static void *reader (int type, const char *endpoint)
{
    void *s = zmq_socket (ctx, type);
    CHECK (s);
    int timeout = 10000;
    CHECK_OK (zmq_setsockopt (s, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_connect (s, endpoint));
    return s;
}

int main (void)
{
    ctx = zmq_ctx_new ();
    void *server = zmq_socket (ctx, ZMQ_DEALER), *client = zmq_socket (ctx, ZMQ_DEALER);

    /* libzmq's checks, in its order. */
    CHECK_ERR (zmq_socket_monitor_versioned (NULL, "inproc://m", ZMQ_EVENT_ALL, 2, ZMQ_PAIR), ENOTSOCK);
    CHECK_ERR (zmq_socket_monitor_versioned (server, "inproc://m", ZMQ_EVENT_ALL_V2, 1, ZMQ_PAIR), EINVAL);
    CHECK_ERR (zmq_socket_monitor_versioned (server, "tcp://127.0.0.1:*", ZMQ_EVENT_ALL_V2, 2, ZMQ_PAIR),
               EPROTONOSUPPORT);
    CHECK_ERR (zmq_socket_monitor_versioned (server, "inproc://m", ZMQ_EVENT_ALL_V2, 2, ZMQ_SUB), EINVAL);
    CHECK_ERR (zmq_socket_monitor (server, "inproc://m", -1), EINVAL);

    /* Version 2 on PAIR: the server's events carry the bound endpoint, then both real ends. */
    CHECK_OK (zmq_socket_monitor_versioned (server, "inproc://server", ZMQ_EVENT_ALL_V2, 2, ZMQ_PAIR));
    void *server_events = reader (ZMQ_PAIR, "inproc://server");
    CHECK_OK (zmq_socket_monitor_versioned (client, "inproc://client", ZMQ_EVENT_ALL_V2, 2, ZMQ_PUSH));
    void *client_events = reader (ZMQ_PULL, "inproc://client");

    CHECK_OK (zmq_bind (server, "tcp://127.0.0.1:*"));
    char bound[256];
    size_t size = sizeof bound;
    CHECK_OK (zmq_getsockopt (server, ZMQ_LAST_ENDPOINT, bound, &size));
    event_t e = next_event (server_events);
    CHECK (e.event == ZMQ_EVENT_LISTENING && e.value > 0);
    CHECK (strcmp (e.local, bound) == 0 && e.remote[0] == 0);

    CHECK_OK (zmq_connect (client, bound));
    e = next_event (server_events);
    CHECK (e.event == ZMQ_EVENT_ACCEPTED && e.value > 0);
    CHECK (strcmp (e.local, bound) == 0 && e.remote[0] == 0);
    event_t accepted = next_event (server_events);
    CHECK (accepted.event == ZMQ_EVENT_HANDSHAKE_SUCCEEDED && accepted.value == 0);
    CHECK (strcmp (accepted.local, bound) == 0);
    CHECK (strncmp (accepted.remote, "tcp://127.0.0.1:", 16) == 0 && strcmp (accepted.remote, bound) != 0);

    /* The client (a PUSH monitor): CONNECTED names the endpoint as remote, the handshake its
       own real address as local, the very address the server saw as remote. */
    e = next_event (client_events);
    if (e.event == ZMQ_EVENT_CONNECT_DELAYED) e = next_event (client_events);
    CHECK (e.event == ZMQ_EVENT_CONNECTED && e.value > 0);
    CHECK (e.local[0] == 0 && strcmp (e.remote, bound) == 0);
    e = next_event (client_events);
    CHECK (e.event == ZMQ_EVENT_HANDSHAKE_SUCCEEDED);
    CHECK (strcmp (e.local, accepted.remote) == 0 && strcmp (e.remote, bound) == 0);

    /* Stopping sends MONITOR_STOPPED: value 0, no endpoints. */
    CHECK_OK (zmq_socket_monitor_versioned (client, NULL, 0, 2, ZMQ_PAIR));
    e = next_event (client_events);
    CHECK (e.event == ZMQ_EVENT_MONITOR_STOPPED && e.value == 0 && e.local[0] == 0 && e.remote[0] == 0);

    /* On PUB the first frame is the topic: a SUB takes only the events it subscribed to. The
       subscription reaches the monitor asynchronously, so binds go on until one is seen. */
    CHECK_OK (zmq_socket_monitor_versioned (server, "inproc://server-pub", ZMQ_EVENT_ALL_V2, 2, ZMQ_PUB));
    e = next_event (server_events); /* the PAIR monitor's MONITOR_STOPPED */
    CHECK (e.event == ZMQ_EVENT_MONITOR_STOPPED);
    void *listening = reader (ZMQ_SUB, "inproc://server-pub");
    uint64_t topic = ZMQ_EVENT_LISTENING;
    CHECK_OK (zmq_setsockopt (listening, ZMQ_SUBSCRIBE, &topic, sizeof topic));
    zmq_pollitem_t item = {listening, 0, ZMQ_POLLIN, 0};
    int binds = 0;
    do {
        CHECK_OK (zmq_bind (server, "tcp://127.0.0.1:*"));
        CHECK (++binds < 100);
    } while (zmq_poll (&item, 1, 100) == 0);
    e = next_event (listening);
    CHECK (e.event == ZMQ_EVENT_LISTENING && strncmp (e.local, "tcp://127.0.0.1:", 16) == 0);

    /* Version 1 through the versioned call: the two-frame form. */
    CHECK_OK (zmq_socket_monitor_versioned (client, "inproc://client-v1", ZMQ_EVENT_ALL_V1, 1, ZMQ_PAIR));
    void *v1 = reader (ZMQ_PAIR, "inproc://client-v1");
    CHECK_OK (zmq_socket_monitor_versioned (client, NULL, 0, 1, ZMQ_PAIR));
    uint8_t header[6];
    read_frame (v1, header, sizeof header, 1);
    uint16_t event;
    memcpy (&event, header, 2);
    CHECK (event == ZMQ_EVENT_MONITOR_STOPPED);
    char endpoint[16];
    read_text (v1, endpoint, sizeof endpoint, 0);
    CHECK (endpoint[0] == 0);

    int linger = 0;
    void *sockets[] = {server, client, server_events, client_events, listening, v1};
    for (size_t i = 0; i < sizeof sockets / sizeof *sockets; i++) {
        CHECK_OK (zmq_setsockopt (sockets[i], ZMQ_LINGER, &linger, sizeof linger));
        CHECK_OK (zmq_close (sockets[i]));
    }
    CHECK_OK (zmq_ctx_term (ctx));
    puts ("done");
    return 0;
}
