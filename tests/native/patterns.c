/* Every socket type pairing the engine has, over inproc and tcp: REQ/REP, DEALER/ROUTER,
   REQ/ROUTER, DEALER/REP, PUSH/PULL, PUB/SUB, XPUB/XSUB, PAIR; multipart with RCVMORE;
   and STREAM to STREAM over tcp (raw bytes, connect notifications). */
#include <zmq.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void *ctx;

static void *make (int type)
{
    void *s = zmq_socket (ctx, type);
    CHECK (s);
    int timeout = 10000;
    CHECK_OK (zmq_setsockopt (s, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_setsockopt (s, ZMQ_SNDTIMEO, &timeout, sizeof timeout));
    return s;
}

/* Binds a to endpoint (wildcards allowed) and connects b to what a got. */
static void link_pair (void *a, void *b, const char *endpoint)
{
    /* inproc names must be unique among live binds: number them. */
    static int serial;
    char unique[256];
    if (strncmp (endpoint, "inproc://", 9) == 0) {
        snprintf (unique, sizeof unique, "%s-%d", endpoint, ++serial);
        endpoint = unique;
    }
    CHECK_OK (zmq_bind (a, endpoint));
    char last[256];
    size_t size = sizeof last;
    CHECK_OK (zmq_getsockopt (a, ZMQ_LAST_ENDPOINT, last, &size));
    CHECK_OK (zmq_connect (b, last));
}

static void send_str (void *s, const char *text, int flags)
{
    CHECK (zmq_send (s, text, strlen (text), flags) == (int) strlen (text));
}

/* Receives one frame, checks its text and whether more frames follow. */
static void expect (void *s, const char *text, int more)
{
    char buffer[256];
    int n = zmq_recv (s, buffer, sizeof buffer - 1, 0);
    CHECK (n >= 0);
    buffer[n] = 0;
    if (strcmp (buffer, text) != 0) {
        fprintf (stderr, "expected '%s', got '%s'\n", text, buffer);
        CHECK (0);
    }
    int rcvmore;
    size_t size = sizeof rcvmore;
    CHECK_OK (zmq_getsockopt (s, ZMQ_RCVMORE, &rcvmore, &size));
    CHECK (rcvmore == more);
}

static void req_rep (const char *endpoint)
{
    void *rep = make (ZMQ_REP), *req = make (ZMQ_REQ);
    link_pair (rep, req, endpoint);
    for (int i = 0; i < 3; i++) {
        send_str (req, "question", ZMQ_SNDMORE);
        send_str (req, "part two", 0);
        expect (rep, "question", 1);
        expect (rep, "part two", 0);
        send_str (rep, "answer", 0);
        expect (req, "answer", 0);
    }
    zmq_close (req);
    zmq_close (rep);
}

static void dealer_router (const char *endpoint)
{
    void *router = make (ZMQ_ROUTER), *dealer = make (ZMQ_DEALER);
    CHECK_OK (zmq_setsockopt (dealer, ZMQ_ROUTING_ID, "D1", 2));
    link_pair (router, dealer, endpoint);
    send_str (dealer, "hi", ZMQ_SNDMORE);
    send_str (dealer, "there", 0);
    expect (router, "D1", 1);
    expect (router, "hi", 1);
    expect (router, "there", 0);
    send_str (router, "D1", ZMQ_SNDMORE);
    send_str (router, "back", 0);
    expect (dealer, "back", 0);
    zmq_close (dealer);
    zmq_close (router);
}

static void req_router_dealer_rep (const char *endpoint)
{
    void *router = make (ZMQ_ROUTER), *req = make (ZMQ_REQ);
    CHECK_OK (zmq_setsockopt (req, ZMQ_ROUTING_ID, "R", 1));
    link_pair (router, req, endpoint);
    send_str (req, "ping", 0);
    expect (router, "R", 1);
    expect (router, "", 1);
    expect (router, "ping", 0);
    send_str (router, "R", ZMQ_SNDMORE);
    send_str (router, "", ZMQ_SNDMORE);
    send_str (router, "pong", 0);
    expect (req, "pong", 0);

    void *rep = make (ZMQ_REP), *dealer = make (ZMQ_DEALER);
    link_pair (rep, dealer, endpoint);
    send_str (dealer, "", ZMQ_SNDMORE);
    send_str (dealer, "ping", 0);
    expect (rep, "ping", 0);
    send_str (rep, "pong", 0);
    expect (dealer, "", 1);
    expect (dealer, "pong", 0);
    zmq_close (req);
    zmq_close (router);
    zmq_close (dealer);
    zmq_close (rep);
}

static void push_pull (const char *endpoint)
{
    void *pull = make (ZMQ_PULL), *push = make (ZMQ_PUSH);
    link_pair (pull, push, endpoint);
    for (int i = 0; i < 100; i++) send_str (push, "work", 0);
    for (int i = 0; i < 100; i++) expect (pull, "work", 0);
    zmq_close (push);
    zmq_close (pull);
}

/* A SUB's subscription reaches the PUB asynchronously; an XSUB-style handshake would need
   XPUB, so PUB/SUB is synced by publishing until the subscriber sees a message (bounded). */
static void pub_sub (const char *endpoint)
{
    void *pub = make (ZMQ_PUB), *sub = make (ZMQ_SUB);
    CHECK_OK (zmq_setsockopt (sub, ZMQ_SUBSCRIBE, "news", 4));
    link_pair (pub, sub, endpoint);
    int received = 0;
    for (int i = 0; i < 2000 && !received; i++) {
        send_str (pub, "weather", 0);
        send_str (pub, "news", ZMQ_SNDMORE);
        send_str (pub, "today", 0);
        zmq_pollitem_t item = {sub, 0, ZMQ_POLLIN, 0};
        CHECK (zmq_poll (&item, 1, 10) >= 0);
        if (item.revents & ZMQ_POLLIN) received = 1;
    }
    CHECK (received);
    expect (sub, "news", 1); /* never "weather": filtered */
    expect (sub, "today", 0);
    zmq_close (sub);
    zmq_close (pub);
}

static void xpub_xsub (const char *endpoint)
{
    void *xpub = make (ZMQ_XPUB), *xsub = make (ZMQ_XSUB);
    link_pair (xpub, xsub, endpoint);
    send_str (xsub, "\x01topic", 0);
    char buffer[16];
    CHECK (zmq_recv (xpub, buffer, sizeof buffer, 0) == 6);
    CHECK (memcmp (buffer, "\x01topic", 6) == 0);
    send_str (xpub, "topic data", 0);
    expect (xsub, "topic data", 0);
    zmq_close (xsub);
    zmq_close (xpub);
}

static void pair (const char *endpoint)
{
    void *a = make (ZMQ_PAIR), *b = make (ZMQ_PAIR);
    link_pair (a, b, endpoint);
    send_str (b, "one", ZMQ_SNDMORE);
    send_str (b, "two", ZMQ_SNDMORE);
    send_str (b, "three", 0);
    expect (a, "one", 1);
    expect (a, "two", 1);
    expect (a, "three", 0);
    zmq_close (a);
    zmq_close (b);
}

/* Receives a STREAM message: the routing id (returned, size in *id_size) and its data,
   which must be `text` (short texts arrive in one read on loopback). */
static void expect_stream (void *s, unsigned char *id, size_t *id_size, const char *text)
{
    int n = zmq_recv (s, id, 255, 0);
    CHECK (n > 0 && n <= 255);
    *id_size = (size_t) n;
    int rcvmore;
    size_t size = sizeof rcvmore;
    CHECK_OK (zmq_getsockopt (s, ZMQ_RCVMORE, &rcvmore, &size));
    CHECK (rcvmore == 1);
    expect (s, text, 0);
}

static void stream_stream (void)
{
    void *server = make (ZMQ_STREAM), *client = make (ZMQ_STREAM);
    int type;
    size_t size = sizeof type;
    CHECK_OK (zmq_getsockopt (server, ZMQ_TYPE, &type, &size));
    CHECK (type == ZMQ_STREAM);
    link_pair (server, client, "tcp://127.0.0.1:*");
    unsigned char server_side[256], client_side[256];
    size_t server_side_size, client_side_size;
    expect_stream (server, server_side, &server_side_size, ""); /* connected */
    expect_stream (client, client_side, &client_side_size, "");
    CHECK (zmq_send (client, client_side, client_side_size, ZMQ_SNDMORE) == (int) client_side_size);
    send_str (client, "GET", 0);
    unsigned char id[256];
    size_t id_size;
    expect_stream (server, id, &id_size, "GET");
    CHECK (id_size == server_side_size && memcmp (id, server_side, id_size) == 0);
    CHECK (zmq_send (server, id, id_size, ZMQ_SNDMORE) == (int) id_size);
    send_str (server, "200", 0);
    expect_stream (client, id, &id_size, "200");
    CHECK (zmq_send (server, "nobody", 6, ZMQ_SNDMORE) == -1 && zmq_errno () == EHOSTUNREACH);
    zmq_close (client);
    zmq_close (server);
}

int main (void)
{
    ctx = zmq_ctx_new ();
    CHECK (ctx);
    const char *endpoints[] = {"inproc://patterns", "tcp://127.0.0.1:*"};
    for (int i = 0; i < 2; i++) {
        const char *e = endpoints[i];
        req_rep (e);
        dealer_router (e);
        req_router_dealer_rep (e);
        push_pull (e);
        pub_sub (e);
        xpub_xsub (e);
        pair (e);
        printf ("%s ok\n", i == 0 ? "inproc" : "tcp");
    }
    stream_stream ();
    puts ("stream ok");
    CHECK_OK (zmq_ctx_term (ctx));
    puts ("done");
    return 0;
}
