package org.osgix.fd;

/** What an open file description refers to. */
public enum FileKind {
    REGULAR,
    DIRECTORY,
    PIPE,
    EVENTFD,
    SOCKET,
    EPOLL,
    /** An O_PATH descriptor: no I/O, no ioctl; fcntl(F_GETFD/F_SETFD) and *at() work. */
    PATH,
    TTY,
    CHARACTER_DEVICE,
    OTHER
}
