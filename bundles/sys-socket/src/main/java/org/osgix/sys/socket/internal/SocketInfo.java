package org.osgix.sys.socket.internal;

/** What a guest socket is, attached to its description at creation. */
record SocketInfo(int domain, int type, int protocol) {
    boolean isStream() {
        return type == SocketAbi.SOCK_STREAM;
    }

    boolean isInternet() {
        return domain == SocketAbi.AF_INET || domain == SocketAbi.AF_INET6;
    }
}
