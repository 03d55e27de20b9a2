package org.osgix.kernel.internal;

/**
 * The file a private file mapping was copied from, so MADV_DONTNEED can revert its pages to the
 * file's contents as Linux does, even after the file was unlinked or its guest fd closed: like a
 * Linux mapping, it holds the file open (one host dup per distinct file, shared by every mapping
 * of it; {@link FileOrigins} closes it when no mapping refers to it any more).
 */
final class FileOrigin {
    final long dev;
    final long ino;
    final int hostFd;

    FileOrigin(long dev, long ino, int hostFd) {
        this.dev = dev;
        this.ino = ino;
        this.hostFd = hostFd;
    }
}
