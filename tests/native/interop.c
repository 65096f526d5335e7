/* One program, two builds: against Zinc's zmq.h and libzmq.so.5, and against Debian's
   /usr/include/zmq.h and libzmq. "server" binds a REP on tcp and answers three multipart
   requests; "client <endpoint>" asks them. Each prints which libzmq it runs on (dladdr), so the
   test can tell a Debian-built binary really ran on Zinc under LD_LIBRARY_PATH. */
#define _GNU_SOURCE
#include <zmq.h>
#include <ctype.h>
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static void print_library (void)
{
    Dl_info info;
    CHECK (dladdr ((void *) zmq_socket, &info) != 0);
    printf ("lib %s\n", info.dli_fname);
}

static void *make (void *ctx, int type)
{
    void *s = zmq_socket (ctx, type);
    CHECK (s);
    int timeout = 20000, linger = 1000;
    CHECK_OK (zmq_setsockopt (s, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_setsockopt (s, ZMQ_SNDTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_setsockopt (s, ZMQ_LINGER, &linger, sizeof linger));
    return s;
}

static void serve (void *ctx, int curve)
{
    void *rep = make (ctx, ZMQ_REP);
    if (curve) {
        /* Keys go in as 40 Z85 characters, the form C programs usually keep them in. */
        char public_key[41], secret_key[41];
        CHECK_OK (zmq_curve_keypair (public_key, secret_key));
        int on = 1;
        CHECK_OK (zmq_setsockopt (rep, ZMQ_CURVE_SERVER, &on, sizeof on));
        CHECK_OK (zmq_setsockopt (rep, ZMQ_CURVE_SECRETKEY, secret_key, 40));
        printf ("key %s\n", public_key);
    }
    CHECK_OK (zmq_bind (rep, "tcp://127.0.0.1:*"));
    char endpoint[256];
    size_t size = sizeof endpoint;
    CHECK_OK (zmq_getsockopt (rep, ZMQ_LAST_ENDPOINT, endpoint, &size));
    printf ("endpoint %s\n", endpoint);
    fflush (stdout);
    for (int i = 0; i < 3; i++) {
        /* Echo every frame upper-cased, keeping the multipart shape (REP reads the whole
           request before it may reply). */
        zmq_msg_t frames[8];
        int count = 0, more;
        do {
            CHECK (count < 8);
            CHECK_OK (zmq_msg_init (&frames[count]));
            int n = zmq_msg_recv (&frames[count], rep, 0);
            CHECK (n >= 0);
            more = zmq_msg_more (&frames[count]);
            char *bytes = zmq_msg_data (&frames[count]);
            for (int k = 0; k < n; k++) bytes[k] = (char) toupper ((unsigned char) bytes[k]);
            count++;
        } while (more);
        for (int k = 0; k < count; k++) {
            int n = (int) zmq_msg_size (&frames[k]);
            CHECK (zmq_msg_send (&frames[k], rep, k < count - 1 ? ZMQ_SNDMORE : 0) == n);
            CHECK_OK (zmq_msg_close (&frames[k]));
        }
    }
    zmq_close (rep);
}

static void ask (void *ctx, const char *endpoint, const char *server_key)
{
    void *req = make (ctx, ZMQ_REQ);
    if (server_key) {
        char public_key[41], secret_key[41];
        CHECK_OK (zmq_curve_keypair (public_key, secret_key));
        CHECK_OK (zmq_setsockopt (req, ZMQ_CURVE_SERVERKEY, server_key, 40));
        CHECK_OK (zmq_setsockopt (req, ZMQ_CURVE_PUBLICKEY, public_key, 40));
        CHECK_OK (zmq_setsockopt (req, ZMQ_CURVE_SECRETKEY, secret_key, 40));
        int mechanism;
        size_t size = sizeof mechanism;
        CHECK_OK (zmq_getsockopt (req, ZMQ_MECHANISM, &mechanism, &size));
        CHECK (mechanism == ZMQ_CURVE);
    }
    CHECK_OK (zmq_connect (req, endpoint));
    static char large[5000];
    memset (large, 'b', sizeof large);
    for (int i = 0; i < 3; i++) {
        CHECK (zmq_send (req, "hello", 5, ZMQ_SNDMORE) == 5);
        CHECK (zmq_send (req, large, sizeof large, 0) == (int) sizeof large);
        char buffer[sizeof large];
        CHECK (zmq_recv (req, buffer, sizeof buffer, 0) == 5);
        CHECK (memcmp (buffer, "HELLO", 5) == 0);
        int more;
        size_t size = sizeof more;
        CHECK_OK (zmq_getsockopt (req, ZMQ_RCVMORE, &more, &size));
        CHECK (more);
        CHECK (zmq_recv (req, buffer, sizeof buffer, 0) == (int) sizeof large);
        for (size_t k = 0; k < sizeof large; k++) CHECK (buffer[k] == 'B');
    }
    zmq_close (req);
}

int main (int argc, char **argv)
{
    CHECK (argc >= 2);
    print_library ();
    void *ctx = zmq_ctx_new ();
    CHECK (ctx);
    if (strcmp (argv[1], "server") == 0) serve (ctx, argc == 3 && strcmp (argv[2], "curve") == 0);
    else if (strcmp (argv[1], "client") == 0 && argc >= 3) ask (ctx, argv[2], argc == 4 ? argv[3] : NULL);
    CHECK_OK (zmq_ctx_term (ctx));
    puts ("done");
    return 0;
}
