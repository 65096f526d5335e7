/* zmq_msg_*: init/size/data, init_data's free callback, copy, move, more, gets, sendmsg/recvmsg,
   Stable API only: it passes on libzmq 4.3.4 too. */
#include <zmq.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static int freed;
static void free_fn (void *data, void *hint)
{
    CHECK (hint == (void *) 0x1234);
    CHECK (memcmp (data, "caller's", 8) == 0);
    freed++;
}

int main (void)
{
    void *ctx = zmq_ctx_new ();
    void *pull = zmq_socket (ctx, ZMQ_PULL), *push = zmq_socket (ctx, ZMQ_PUSH);
    int timeout = 10000;
    CHECK_OK (zmq_setsockopt (pull, ZMQ_RCVTIMEO, &timeout, sizeof timeout));
    CHECK_OK (zmq_bind (pull, "tcp://127.0.0.1:*"));
    char endpoint[256];
    size_t size = sizeof endpoint;
    CHECK_OK (zmq_getsockopt (pull, ZMQ_LAST_ENDPOINT, endpoint, &size));
    CHECK_OK (zmq_connect (push, endpoint));
    CHECK (zmq_ctx_get (ctx, ZMQ_MSG_T_SIZE) == (int) sizeof (zmq_msg_t));

    /* init_size, then fill through zmq_msg_data; a large frame too. */
    zmq_msg_t msg;
    CHECK_OK (zmq_msg_init_size (&msg, 5));
    CHECK (zmq_msg_size (&msg) == 5);
    memcpy (zmq_msg_data (&msg), "first", 5);
    CHECK (zmq_msg_send (&msg, push, ZMQ_SNDMORE) == 5);
    CHECK (zmq_msg_size (&msg) == 0); /* a sent message is emptied */
    CHECK_OK (zmq_msg_close (&msg));

    static char big[100000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (char) i;
    CHECK_OK (zmq_msg_init_size (&msg, sizeof big));
    memcpy (zmq_msg_data (&msg), big, sizeof big);
    CHECK (zmq_msg_send (&msg, push, ZMQ_SNDMORE) == (int) sizeof big);
    CHECK_OK (zmq_msg_close (&msg));

    /* init_data: the free function runs once the message no longer needs the buffer. */
    static char data[] = "caller's data";
    CHECK_OK (zmq_msg_init_data (&msg, data, 8, free_fn, (void *) 0x1234));
    CHECK (zmq_msg_data (&msg) == data);
    CHECK (zmq_sendmsg (push, &msg, 0) == 8);
    CHECK_OK (zmq_msg_close (&msg));
    /* libzmq may free it later, from its IO thread; by zmq_ctx_term it has (checked there). */

    /* Receive the three frames: more flags, sizes, payloads, properties. */
    zmq_msg_t in;
    CHECK_OK (zmq_msg_init (&in));
    CHECK (zmq_msg_recv (&in, pull, 0) == 5);
    CHECK (memcmp (zmq_msg_data (&in), "first", 5) == 0);
    CHECK (zmq_msg_more (&in) == 1);
    CHECK (zmq_msg_get (&in, ZMQ_MORE) == 1);
    const char *type = zmq_msg_gets (&in, "Socket-Type");
    CHECK (type && strcmp (type, "PUSH") == 0);
    CHECK (zmq_msg_gets (&in, "No-Such-Property") == NULL && zmq_errno () == EINVAL);
    CHECK (zmq_msg_recv (&in, pull, 0) == (int) sizeof big);
    CHECK (memcmp (zmq_msg_data (&in), big, sizeof big) == 0);
    CHECK (zmq_recvmsg (pull, &in, 0) == 8);
    CHECK (memcmp (zmq_msg_data (&in), "caller's", 8) == 0);
    CHECK (zmq_msg_more (&in) == 0);

    /* copy and move */
    zmq_msg_t copy, moved;
    CHECK_OK (zmq_msg_init (&copy));
    CHECK_OK (zmq_msg_copy (&copy, &in));
    CHECK (zmq_msg_size (&copy) == 8 && memcmp (zmq_msg_data (&copy), "caller's", 8) == 0);
    CHECK_OK (zmq_msg_init (&moved));
    CHECK_OK (zmq_msg_move (&moved, &copy));
    CHECK (zmq_msg_size (&copy) == 0);
    CHECK (zmq_msg_size (&moved) == 8 && memcmp (zmq_msg_data (&moved), "caller's", 8) == 0);
    CHECK_OK (zmq_msg_close (&copy));
    CHECK_OK (zmq_msg_close (&moved));
    CHECK_OK (zmq_msg_close (&in));

    /* A message closed without being sent frees the caller's buffer too. */
    int before = freed;
    CHECK_OK (zmq_msg_init_data (&msg, data, 8, free_fn, (void *) 0x1234));
    CHECK_OK (zmq_msg_close (&msg));
    CHECK (freed == before + 1);

    zmq_close (push);
    zmq_close (pull);
    CHECK_OK (zmq_ctx_term (ctx));
    CHECK (freed == 2);
    puts ("done");
    return 0;
}
