package org.osgix.sys.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.fd.OpenFile.O_CLOEXEC;
import static org.osgix.fd.OpenFile.O_NONBLOCK;
import static org.osgix.fd.OpenFile.O_RDONLY;
import static org.osgix.fd.OpenFile.O_WRONLY;

import org.junit.jupiter.api.Test;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.syscall.Errno;

class PipesTest extends FilesTestSupport {

    @Test
    void pipeGivesAReadEndAndAWriteEndThatTalkThroughTheHost() {
        long fds = guest.alloc(8);
        assertEquals(0, guest.call("pipe", fds));
        int readFd = guest.memory.readInt(fds);
        int writeFd = guest.memory.readInt(fds + 4);
        assertEquals(0, readFd);
        assertEquals(1, writeFd);
        OpenFile readEnd = guest.file(readFd);
        OpenFile writeEnd = guest.file(writeFd);
        assertEquals(FileKind.PIPE, readEnd.kind());
        assertEquals(FileKind.PIPE, writeEnd.kind());
        assertEquals(O_RDONLY, readEnd.statusFlags() & OpenFile.O_ACCMODE);
        assertEquals(O_WRONLY, writeEnd.statusFlags() & OpenFile.O_ACCMODE);
        long data = guest.string("ping");
        assertEquals(4, guest.host.write(writeEnd.hostFd(), data, 4));
        long in = guest.alloc(8);
        assertEquals(4, guest.host.read(readEnd.hostFd(), in, 8));
        assertEquals("ping", new String(guest.bytes(in, 4)));
        assertFalse(guest.fds.get(readFd).cloexec());
    }

    @Test
    void pipe2FlagsGoToTheSlotsAndTheDescriptions() {
        long fds = guest.alloc(8);
        assertEquals(0, guest.call("pipe2", fds, O_CLOEXEC | O_NONBLOCK));
        int readFd = guest.memory.readInt(fds);
        int writeFd = guest.memory.readInt(fds + 4);
        assertTrue(guest.fds.get(readFd).cloexec());
        assertTrue(guest.fds.get(writeFd).cloexec());
        assertEquals(O_NONBLOCK | O_RDONLY, guest.file(readFd).statusFlags());
        assertEquals(O_NONBLOCK | O_WRONLY, guest.file(writeFd).statusFlags());
        // the host read end really is non-blocking
        assertEquals(-Errno.EAGAIN, guest.host.read(guest.file(readFd).hostFd(), guest.alloc(4), 4));
    }

    @Test
    void badFlagsComeBeforeABadPointerAndNeitherCreatesAnything() {
        int before = guest.host.openFdCount();
        assertEquals(-Errno.EINVAL, guest.call("pipe2", unmapped(), OpenFile.O_APPEND));
        assertEquals(-Errno.EFAULT, guest.call("pipe2", unmapped(), 0));
        assertEquals(-Errno.EFAULT, guest.call("pipe", 8));
        assertEquals(0, guest.fds.size());
        assertEquals(before, guest.host.openFdCount());
    }

    @Test
    void aFullTableLeavesNoHalfPipe() {
        guest.fds.setLimit(1);
        int before = guest.host.openFdCount();
        assertEquals(-Errno.EMFILE, guest.call("pipe", guest.alloc(8)));
        assertEquals(0, guest.fds.size());
        assertEquals(before, guest.host.openFdCount());
    }
}
