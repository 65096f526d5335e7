/* zmq_setsockopt/zmq_getsockopt in libzmq's wire forms (int, int64, binary, string) and
   zmq_ctx_set/zmq_ctx_get. */
#include <zmq.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static int get_int (void *s, int option)
{
    int value;
    size_t size = sizeof value;
    CHECK_OK (zmq_getsockopt (s, option, &value, &size));
    CHECK (size == sizeof value);
    return value;
}

int main (void)
{
    void *ctx = zmq_ctx_new ();
    CHECK (zmq_ctx_get (ctx, ZMQ_IO_THREADS) == ZMQ_IO_THREADS_DFLT);
    CHECK (zmq_ctx_get (ctx, ZMQ_MAX_SOCKETS) == ZMQ_MAX_SOCKETS_DFLT);
    CHECK_OK (zmq_ctx_set (ctx, ZMQ_IO_THREADS, 2));
    CHECK (zmq_ctx_get (ctx, ZMQ_IO_THREADS) == 2);
    CHECK_ERR (zmq_ctx_set (ctx, ZMQ_IO_THREADS, -1), EINVAL);
    CHECK_ERR (zmq_ctx_get (ctx, 12345), EINVAL);
    /* Flags take any non-negative int; scheduling values must not be negative; the thread
       name prefix set as an int reads back as one (atoi of its text). */
    CHECK_OK (zmq_ctx_set (ctx, ZMQ_IPV6, 5));
    CHECK (zmq_ctx_get (ctx, ZMQ_IPV6) == 1);
    CHECK_OK (zmq_ctx_set (ctx, ZMQ_IPV6, 0));
    CHECK_ERR (zmq_ctx_set (ctx, ZMQ_IPV6, -1), EINVAL);
    CHECK_OK (zmq_ctx_set (ctx, ZMQ_BLOCKY, 3));
    CHECK (zmq_ctx_get (ctx, ZMQ_BLOCKY) == 1);
    CHECK_ERR (zmq_ctx_set (ctx, ZMQ_THREAD_PRIORITY, -1), EINVAL);
    CHECK_ERR (zmq_ctx_set (ctx, ZMQ_THREAD_SCHED_POLICY, -1), EINVAL);
    CHECK_OK (zmq_ctx_set (ctx, ZMQ_THREAD_NAME_PREFIX, 77));
    CHECK (zmq_ctx_get (ctx, ZMQ_THREAD_NAME_PREFIX) == 77);
    CHECK_ERR (zmq_ctx_set (ctx, ZMQ_MSG_T_SIZE, 64), EINVAL);
    /* MAX_SOCKETS takes any positive count, above ZMQ_SOCKET_LIMIT too. */
    void *roomy = zmq_ctx_new ();
    CHECK_OK (zmq_ctx_set (roomy, ZMQ_MAX_SOCKETS, 100000));
    CHECK (zmq_ctx_get (roomy, ZMQ_MAX_SOCKETS) == 100000);
    CHECK_ERR (zmq_ctx_set (roomy, ZMQ_MAX_SOCKETS, 0), EINVAL);
    CHECK_OK (zmq_ctx_term (roomy));

    void *s = zmq_socket (ctx, ZMQ_DEALER);
    CHECK (get_int (s, ZMQ_TYPE) == ZMQ_DEALER);
    /* libzmq 4.3's defaults, read back in its int form. */
    static const struct { int option, value; const char *name; } defaults[] = {
        {ZMQ_LINGER, -1, "LINGER"}, {ZMQ_RCVHWM, 1000, "RCVHWM"}, {ZMQ_SNDBUF, -1, "SNDBUF"},
        {ZMQ_RCVBUF, -1, "RCVBUF"}, {ZMQ_RECONNECT_IVL, 100, "RECONNECT_IVL"},
        {ZMQ_RECONNECT_IVL_MAX, 0, "RECONNECT_IVL_MAX"}, {ZMQ_BACKLOG, 100, "BACKLOG"},
        {ZMQ_RCVTIMEO, -1, "RCVTIMEO"}, {ZMQ_SNDTIMEO, -1, "SNDTIMEO"}, {ZMQ_IMMEDIATE, 0, "IMMEDIATE"},
        {ZMQ_IPV6, 0, "IPV6"}, {ZMQ_MECHANISM, ZMQ_NULL, "MECHANISM"}, {ZMQ_TCP_KEEPALIVE, -1, "TCP_KEEPALIVE"},
        {ZMQ_HANDSHAKE_IVL, 30000, "HANDSHAKE_IVL"}, {ZMQ_HEARTBEAT_IVL, 0, "HEARTBEAT_IVL"},
        {ZMQ_CONNECT_TIMEOUT, 0, "CONNECT_TIMEOUT"}, {ZMQ_TOS, 0, "TOS"}, {ZMQ_RATE, 100, "RATE"},
        {ZMQ_RECOVERY_IVL, 10000, "RECOVERY_IVL"}, {ZMQ_MULTICAST_HOPS, 1, "MULTICAST_HOPS"},
        {ZMQ_THREAD_SAFE, 0, "THREAD_SAFE"}, {ZMQ_RCVMORE, 0, "RCVMORE"}, {ZMQ_PLAIN_SERVER, 0, "PLAIN_SERVER"},
        {ZMQ_CURVE_SERVER, 0, "CURVE_SERVER"}, {ZMQ_CONFLATE, 0, "CONFLATE"},
    };
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        int value = get_int (s, defaults[i].option);
        if (value != defaults[i].value) {
            fprintf (stderr, "%s default is %d, expected %d\n", defaults[i].name, value, defaults[i].value);
            CHECK (0);
        }
    }
    int64_t unlimited;
    size_t wide = sizeof unlimited;
    CHECK_OK (zmq_getsockopt (s, ZMQ_MAXMSGSIZE, &unlimited, &wide));
    CHECK (wide == 8 && unlimited == -1);
    CHECK (get_int (s, ZMQ_SNDHWM) == 1000);

    int hwm = 5;
    CHECK_OK (zmq_setsockopt (s, ZMQ_SNDHWM, &hwm, sizeof hwm));
    CHECK (get_int (s, ZMQ_SNDHWM) == 5);
    int linger = 0;
    CHECK_OK (zmq_setsockopt (s, ZMQ_LINGER, &linger, sizeof linger));
    CHECK (get_int (s, ZMQ_LINGER) == 0);

    int64_t max = 4096, out = 0;
    CHECK_OK (zmq_setsockopt (s, ZMQ_MAXMSGSIZE, &max, sizeof max));
    size_t size = sizeof out;
    CHECK_OK (zmq_getsockopt (s, ZMQ_MAXMSGSIZE, &out, &size));
    CHECK (size == sizeof out && out == 4096);

    CHECK_OK (zmq_setsockopt (s, ZMQ_ROUTING_ID, "ident", 5));
    char id[256];
    size = sizeof id;
    CHECK_OK (zmq_getsockopt (s, ZMQ_ROUTING_ID, id, &size));
    CHECK (size == 5 && memcmp (id, "ident", 5) == 0);

    CHECK_OK (zmq_setsockopt (s, ZMQ_PLAIN_USERNAME, "admin", 5));
    char name[64];
    size = sizeof name;
    CHECK_OK (zmq_getsockopt (s, ZMQ_PLAIN_USERNAME, name, &size));
    CHECK (size == 6 && strcmp (name, "admin") == 0); /* strings come back with their NUL */
    CHECK (get_int (s, ZMQ_MECHANISM) == ZMQ_PLAIN);

    /* A CURVE key is read as 32 binary bytes or 40 Z85 characters and a NUL: the buffer size
       picks the form, and any other size is EINVAL, a larger one too. */
    if (zmq_has ("curve")) {
        char key[256];
        size_t sizes[] = { 0, 31, 33, 40, 42, 255 };
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            size = sizes[i];
            CHECK_ERR (zmq_getsockopt (s, ZMQ_CURVE_PUBLICKEY, key, &size), EINVAL);
            size = sizes[i];
            CHECK_ERR (zmq_getsockopt (s, ZMQ_CURVE_SECRETKEY, key, &size), EINVAL);
            size = sizes[i];
            CHECK_ERR (zmq_getsockopt (s, ZMQ_CURVE_SERVERKEY, key, &size), EINVAL);
        }
        size = 32;
        CHECK_OK (zmq_getsockopt (s, ZMQ_CURVE_SERVERKEY, key, &size));
        CHECK (size == 32);
        size = 41;
        CHECK_OK (zmq_getsockopt (s, ZMQ_CURVE_SERVERKEY, key, &size));
        CHECK (size == 41 && strlen (key) == 40);
    }

    /* String options keep the bytes as given, NULs included, and read back with one more NUL.
       The strict ones take NULL with length 0 (to clear) but refuse an empty value at a real
       address; the ZAP domain refuses both. */
    static const int strings[] = { ZMQ_PLAIN_USERNAME, ZMQ_PLAIN_PASSWORD, ZMQ_ZAP_DOMAIN,
                                   ZMQ_SOCKS_PROXY, ZMQ_BINDTODEVICE };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        void *t = zmq_socket (ctx, ZMQ_DEALER);
        CHECK_ERR (zmq_setsockopt (t, strings[i], "", 0), EINVAL);
        if (strings[i] == ZMQ_ZAP_DOMAIN)
            CHECK_ERR (zmq_setsockopt (t, strings[i], NULL, 0), EINVAL);
        else
            CHECK_OK (zmq_setsockopt (t, strings[i], NULL, 0));
        CHECK_OK (zmq_setsockopt (t, strings[i], "a\0b", 3));
        char text[16];
        size = sizeof text;
        CHECK_OK (zmq_getsockopt (t, strings[i], text, &size));
        CHECK (size == 4 && memcmp (text, "a\0b\0", 4) == 0);
        CHECK_OK (zmq_setsockopt (t, strings[i], "x", 2)); /* its NUL is kept as a byte */
        size = sizeof text;
        CHECK_OK (zmq_getsockopt (t, strings[i], text, &size));
        CHECK (size == 3 && memcmp (text, "x\0\0", 3) == 0);
        zmq_close (t);
    }
    /* The accept filter is read as a C string: up to its first NUL. */
    CHECK_ERR (zmq_setsockopt (s, ZMQ_TCP_ACCEPT_FILTER, "", 0), EINVAL);
    CHECK_ERR (zmq_setsockopt (s, ZMQ_TCP_ACCEPT_FILTER, "", 1), EINVAL);
    CHECK_OK (zmq_setsockopt (s, ZMQ_TCP_ACCEPT_FILTER, "127.0.0.1\0x", 11));
    CHECK_OK (zmq_setsockopt (s, ZMQ_TCP_ACCEPT_FILTER, NULL, 0));
    /* HEARTBEAT_TTL takes -99..-1 too, in deciseconds toward zero: 0. */
    int ttl = -99;
    CHECK_OK (zmq_setsockopt (s, ZMQ_HEARTBEAT_TTL, &ttl, sizeof ttl));
    CHECK (get_int (s, ZMQ_HEARTBEAT_TTL) == 0);
    ttl = -100;
    CHECK_ERR (zmq_setsockopt (s, ZMQ_HEARTBEAT_TTL, &ttl, sizeof ttl), EINVAL);

    /* Errors: unknown option, wrong size, buffer too small, option of another type. */
    CHECK_ERR (zmq_setsockopt (s, 9999, &hwm, sizeof hwm), EINVAL);
    CHECK_ERR (zmq_setsockopt (s, ZMQ_SNDHWM, &hwm, 2), EINVAL);
    CHECK_ERR (zmq_setsockopt (s, ZMQ_SUBSCRIBE, "x", 1), EINVAL);

    CHECK_OK (zmq_bind (s, "tcp://127.0.0.1:*"));
    char endpoint[256];
    size = sizeof endpoint;
    CHECK_OK (zmq_getsockopt (s, ZMQ_LAST_ENDPOINT, endpoint, &size));
    CHECK (strncmp (endpoint, "tcp://127.0.0.1:", 16) == 0 && size == strlen (endpoint) + 1);
    char tiny[8];
    size = sizeof tiny;
    CHECK_ERR (zmq_getsockopt (s, ZMQ_LAST_ENDPOINT, tiny, &size), EINVAL);

    zmq_close (s);
    CHECK_OK (zmq_ctx_term (ctx));
    puts ("done");
    return 0;
}
