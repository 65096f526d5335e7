/* A ZAP handler written in C (a REP on inproc://zeromq.zap.01 in the same context) deciding
   PLAIN logins: the accepted client's messages carry the User-Id it chose; the refused one gets
   HANDSHAKE_FAILED_AUTH on its monitor. */
#include <zmq.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void *ctx, *handler;

static int recv_str (void *s, char *buffer, size_t capacity)
{
    int n = zmq_recv (s, buffer, capacity - 1, 0);
    CHECK (n >= 0 && (size_t) n < capacity);
    buffer[n] = 0;
    int more;
    size_t size = sizeof more;
    CHECK_OK (zmq_getsockopt (s, ZMQ_RCVMORE, &more, &size));
    return more;
}

static void send_str (void *s, const char *text, int more)
{
    CHECK (zmq_send (s, text, strlen (text), more ? ZMQ_SNDMORE : 0) == (int) strlen (text));
}

/* Answers two requests: admin/secret is allowed, anything else refused. */
static void *authenticate (void *arg)
{
    (void) arg;
    for (int request = 0; request < 2; request++) {
        char version[16], id[64], domain[64], address[64], identity[64], mechanism[16], user[64], password[64];
        CHECK (recv_str (handler, version, sizeof version));
        CHECK (recv_str (handler, id, sizeof id));
        CHECK (recv_str (handler, domain, sizeof domain));
        CHECK (recv_str (handler, address, sizeof address));
        CHECK (recv_str (handler, identity, sizeof identity));
        CHECK (recv_str (handler, mechanism, sizeof mechanism));
        CHECK (recv_str (handler, user, sizeof user));
        CHECK (!recv_str (handler, password, sizeof password));
        CHECK (strcmp (version, "1.0") == 0 && strcmp (mechanism, "PLAIN") == 0 && strcmp (domain, "test") == 0);
        int ok = strcmp (user, "admin") == 0 && strcmp (password, "secret") == 0;
        send_str (handler, "1.0", 1);
        send_str (handler, id, 1);
        send_str (handler, ok ? "200" : "400", 1);
        send_str (handler, ok ? "OK" : "Denied", 1);
        send_str (handler, ok ? "admin-user" : "", 1);
        send_str (handler, "", 0);
    }
    return NULL;
}

static void *client (const char *endpoint, const char *user, const char *password)
{
    void *push = zmq_socket (ctx, ZMQ_PUSH);
    int linger = 0;
    CHECK_OK (zmq_setsockopt (push, ZMQ_LINGER, &linger, sizeof linger));
    CHECK_OK (zmq_setsockopt (push, ZMQ_PLAIN_USERNAME, user, strlen (user)));
    CHECK_OK (zmq_setsockopt (push, ZMQ_PLAIN_PASSWORD, password, strlen (password)));
    CHECK_OK (zmq_connect (push, endpoint));
    return push;
}

int main (void)
{
    ctx = zmq_ctx_new ();
    handler = zmq_socket (ctx, ZMQ_REP);
    int timeout = 10000;
    CHECK_OK (zmq_setsockopt (handler, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_bind (handler, "inproc://zeromq.zap.01"));
    pthread_t thread;
    CHECK (pthread_create (&thread, NULL, authenticate, NULL) == 0);

    void *server = zmq_socket (ctx, ZMQ_PULL);
    int on = 1, linger = 0;
    CHECK_OK (zmq_setsockopt (server, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_setsockopt (server, ZMQ_LINGER, &linger, sizeof linger));
    CHECK_OK (zmq_setsockopt (server, ZMQ_PLAIN_SERVER, &on, sizeof on));
    CHECK_OK (zmq_setsockopt (server, ZMQ_ZAP_DOMAIN, "test", 4));
    CHECK_OK (zmq_bind (server, "tcp://127.0.0.1:*"));
    char endpoint[256];
    size_t size = sizeof endpoint;
    CHECK_OK (zmq_getsockopt (server, ZMQ_LAST_ENDPOINT, endpoint, &size));

    void *good = client (endpoint, "admin", "secret");
    CHECK (zmq_send (good, "hello", 5, 0) == 5);
    zmq_msg_t msg;
    CHECK_OK (zmq_msg_init (&msg));
    CHECK (zmq_msg_recv (&msg, server, 0) == 5);
    const char *user_id = zmq_msg_gets (&msg, "User-Id");
    CHECK (user_id && strcmp (user_id, "admin-user") == 0);
    CHECK_OK (zmq_msg_close (&msg));

    void *bad = zmq_socket (ctx, ZMQ_PUSH);
    CHECK_OK (zmq_socket_monitor (bad, "inproc://bad-monitor", ZMQ_EVENT_HANDSHAKE_FAILED_AUTH));
    void *monitor = zmq_socket (ctx, ZMQ_PAIR);
    CHECK_OK (zmq_setsockopt (monitor, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_connect (monitor, "inproc://bad-monitor"));
    CHECK_OK (zmq_setsockopt (bad, ZMQ_LINGER, &linger, sizeof linger));
    CHECK_OK (zmq_setsockopt (bad, ZMQ_PLAIN_USERNAME, "admin", 5));
    CHECK_OK (zmq_setsockopt (bad, ZMQ_PLAIN_PASSWORD, "guess", 5));
    CHECK_OK (zmq_connect (bad, endpoint));
    unsigned char event[6];
    CHECK (zmq_recv (monitor, event, sizeof event, 0) == 6);
    CHECK ((event[0] | event[1] << 8) == ZMQ_EVENT_HANDSHAKE_FAILED_AUTH);
    int status = event[2] | event[3] << 8 | event[4] << 16 | event[5] << 24;
    CHECK (status == 400);
    char rest[256];
    CHECK (zmq_recv (monitor, rest, sizeof rest, 0) >= 0);

    CHECK (pthread_join (thread, NULL) == 0);
    void *all[] = {good, bad, monitor, server, handler};
    for (int i = 0; i < 5; i++) zmq_close (all[i]);
    CHECK_OK (zmq_ctx_term (ctx));
    puts ("done");
    return 0;
}
