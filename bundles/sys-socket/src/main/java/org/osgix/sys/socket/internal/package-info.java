/**
 * The socket family: AF_UNIX, AF_INET, AF_INET6 and netlink sockets as host sockets held in the
 * guest descriptor table, with SCM_RIGHTS translated between guest and host descriptors.
 */
package org.osgix.sys.socket.internal;
