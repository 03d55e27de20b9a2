/**
 * The kqueue poll backend: guest interest lists as kqueue change lists, over a small
 * {@link org.osgix.poll.kqueue.internal.KqueuePort} (the host's kqueue on BSD and macOS, an
 * emulation of kqueue's rules over epoll on Linux).
 */
package org.osgix.poll.kqueue.internal;
