/**
 * The poll family: epoll, poll, select and eventfd. Guest epoll interest lists live here; host
 * readiness comes from the best {@link org.osgix.poll.PollBackend} service.
 */
package org.osgix.sys.poll.internal;
