/* Assertions for the C ABI tests: print where and errno, exit non-zero. */
#ifndef ZINC_NATIVE_CHECK_H
#define ZINC_NATIVE_CHECK_H
#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf (stderr, "%s:%d: CHECK(%s) failed, errno %d (%s)\n", __FILE__, __LINE__, \
                     #cond, zmq_errno (), zmq_strerror (zmq_errno ()));                    \
            exit (1);                                                                      \
        }                                                                                  \
    } while (0)

#define CHECK_OK(call) CHECK ((call) == 0)
#define CHECK_ERR(call, err) CHECK ((call) == -1 && zmq_errno () == (err))
#endif
