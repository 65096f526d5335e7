/* zmq_poll over sockets and a plain fd; ZMQ_FD and ZMQ_EVENTS. */
#include <zmq.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

int main (void)
{
    void *ctx = zmq_ctx_new ();
    void *a = zmq_socket (ctx, ZMQ_PAIR), *b = zmq_socket (ctx, ZMQ_PAIR);
    CHECK_OK (zmq_bind (a, "inproc://poll"));
    CHECK_OK (zmq_connect (b, "inproc://poll"));
    int fds[2];
    CHECK (pipe (fds) == 0);

    zmq_pollitem_t items[3] = {
        {a, 0, ZMQ_POLLIN, 0},
        {b, 0, ZMQ_POLLOUT, 0},
        {NULL, fds[0], ZMQ_POLLIN, 0},
    };
    /* Nothing to read yet: only b's POLLOUT. */
    CHECK (zmq_poll (items, 3, 0) == 1);
    CHECK (items[0].revents == 0 && items[1].revents == ZMQ_POLLOUT && items[2].revents == 0);
    /* Timeout with nothing ready returns 0. */
    CHECK (zmq_poll (items, 1, 10) == 0);

    CHECK (zmq_send (b, "x", 1, 0) == 1);
    CHECK (write (fds[1], "y", 1) == 1);
    CHECK (zmq_poll (items, 3, 10000) == 3);
    CHECK (items[0].revents == ZMQ_POLLIN && items[2].revents == ZMQ_POLLIN);

    /* ZMQ_EVENTS says the same; ZMQ_FD is a pollable descriptor. */
    int events;
    size_t size = sizeof events;
    CHECK_OK (zmq_getsockopt (a, ZMQ_EVENTS, &events, &size));
    CHECK (events & ZMQ_POLLIN);
    int fd;
    size = sizeof fd;
    CHECK_OK (zmq_getsockopt (a, ZMQ_FD, &fd, &size));
    CHECK (fd >= 0);
    char c;
    CHECK (zmq_recv (a, &c, 1, 0) == 1 && c == 'x');
    size = sizeof events;
    CHECK_OK (zmq_getsockopt (a, ZMQ_EVENTS, &events, &size));
    CHECK (!(events & ZMQ_POLLIN));
    /* The edge-triggered fd turns readable when a message arrives; then EVENTS shows it. */
    CHECK (zmq_send (b, "z", 1, 0) == 1);
    struct pollfd pfd = {fd, POLLIN, 0};
    CHECK (poll (&pfd, 1, 10000) == 1);
    size = sizeof events;
    CHECK_OK (zmq_getsockopt (a, ZMQ_EVENTS, &events, &size));
    CHECK (events & ZMQ_POLLIN);

    /* Polling a closed socket is ENOTSOCK; no items just waits out the timeout (items may be
       NULL then, with any timeout), but NULL items to look at is EFAULT. */
    zmq_close (b);
    zmq_pollitem_t closed = {b, 0, ZMQ_POLLIN, 0};
    CHECK_ERR (zmq_poll (&closed, 1, 0), ENOTSOCK);
    CHECK (zmq_poll (NULL, 0, 0) == 0);
    CHECK (zmq_poll (NULL, 0, 1) == 0);
    CHECK (zmq_poll (items, 0, 1) == 0);
    CHECK_ERR (zmq_poll (NULL, 1, 0), EFAULT);
    CHECK_ERR (zmq_poll (items, -1, 0), EINVAL);

    zmq_close (a);
    close (fds[0]);
    close (fds[1]);
    CHECK_OK (zmq_ctx_term (ctx));
    puts ("done");
    return 0;
}
