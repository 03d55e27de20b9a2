/** The epoll poll backend: guest interest sets on host epoll instances. */
package org.osgix.poll.epoll.internal;
