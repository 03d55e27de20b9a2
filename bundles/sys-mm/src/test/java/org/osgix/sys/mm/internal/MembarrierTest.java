package org.osgix.sys.mm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeFdTable;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.RecordingAddressSpace;

class MembarrierTest {
    private final FakeCall call = new FakeCall(new FakeProcess(1, new RecordingAddressSpace(), new FakeFdTable()));
    private final Membarrier membarrier = new Membarrier();

    private long invoke(int command, int flags) {
        return call.invoke(membarrier::membarrier, command, flags, 0);
    }

    @Test
    void queryListsEveryCommandLikeLinux() {
        assertEquals(1023, invoke(Membarrier.QUERY, 0));
    }

    @Test
    void privateBarriersNeedRegistration() {
        assertEquals(-Errno.EPERM, invoke(Membarrier.PRIVATE_EXPEDITED, 0));
        assertEquals(0, invoke(Membarrier.REGISTER_PRIVATE_EXPEDITED, 0));
        assertEquals(0, invoke(Membarrier.PRIVATE_EXPEDITED, 0));
        assertEquals(-Errno.EPERM, invoke(Membarrier.PRIVATE_EXPEDITED_SYNC_CORE, 0));
        assertEquals(0, invoke(Membarrier.REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0));
        assertEquals(0, invoke(Membarrier.PRIVATE_EXPEDITED_SYNC_CORE, 0));
        assertEquals(Membarrier.REGISTER_PRIVATE_EXPEDITED | Membarrier.REGISTER_PRIVATE_EXPEDITED_SYNC_CORE,
            invoke(Membarrier.GET_REGISTRATIONS, 0));
    }

    @Test
    void globalBarriersNeedNoRegistration() {
        assertEquals(0, invoke(Membarrier.GLOBAL, 0));
        assertEquals(0, invoke(Membarrier.GLOBAL_EXPEDITED, 0));
    }

    @Test
    void flagsAreOnlyForTheRseqCommand() {
        assertEquals(-Errno.EINVAL, invoke(Membarrier.QUERY, 1));
        assertEquals(-Errno.EINVAL, invoke(Membarrier.GLOBAL, Membarrier.FLAG_CPU));
        invoke(Membarrier.REGISTER_PRIVATE_EXPEDITED_RSEQ, 0);
        assertEquals(0, invoke(Membarrier.PRIVATE_EXPEDITED_RSEQ, Membarrier.FLAG_CPU));
        assertEquals(-Errno.EINVAL, invoke(Membarrier.PRIVATE_EXPEDITED_RSEQ, 2));
        assertEquals(-Errno.EINVAL, invoke(1024, 0));
        assertEquals(-Errno.EINVAL, invoke(3, 0));
    }
}
